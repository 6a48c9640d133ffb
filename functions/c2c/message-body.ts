import { ImError } from '../shared/errors.js';
import { utf8Bytes } from '../shared/validation.js';

/** One element of `MsgBody` (rest-api.md §8). */
export interface MsgElement {
  MsgType: string;
  MsgContent: Record<string, unknown>;
}

export const MsgCode = {
  BodyMalformed: 90002,
  BodyNotArray: 90007,
  FormatInvalid: 90010,
  TooLong: 93000,
  DirtyWords: 80001,
} as const;

/** Message bodies must stay under 12 KB of JSON (spec §7). */
export const MAX_BODY_BYTES = 12 * 1024;

type FieldType = 'string' | 'number' | 'int' | 'array' | 'object';
interface ElementRule { fields: Record<string, FieldType>; required?: string[] }

const RULES: Record<string, ElementRule> = {
  TIMTextElem: { fields: { Text: 'string' }, required: ['Text'] },
  TIMLocationElem: { fields: { Desc: 'string', Latitude: 'number', Longitude: 'number' }, required: ['Latitude', 'Longitude'] },
  TIMFaceElem: { fields: { Index: 'int', Data: 'string' }, required: ['Index'] },
  TIMCustomElem: { fields: { Data: 'string', Desc: 'string', Ext: 'string', Sound: 'string' } },
  TIMSoundElem: { fields: { Url: 'string', UUID: 'string', Size: 'int', Second: 'int', Download_Flag: 'int' } },
  TIMImageElem: { fields: { UUID: 'string', ImageFormat: 'int', ImageInfoArray: 'array' }, required: ['ImageInfoArray'] },
  TIMFileElem: { fields: { Url: 'string', UUID: 'string', FileSize: 'int', FileName: 'string', Download_Flag: 'int' } },
  TIMVideoFileElem: {
    fields: {
      VideoUrl: 'string', VideoUUID: 'string', VideoSize: 'int', VideoSecond: 'int', VideoFormat: 'string', VideoDownloadFlag: 'int',
      ThumbUrl: 'string', ThumbUUID: 'string', ThumbSize: 'int', ThumbWidth: 'int', ThumbHeight: 'int', ThumbFormat: 'string', ThumbDownloadFlag: 'int',
    },
  },
  TIMRelayElem: {
    fields: { Title: 'string', MsgNum: 'int', CompatibleText: 'string', AbstractList: 'array', MsgList: 'array', JsonMsgKey: 'string' },
  },
  TIMStreamElem: { fields: { CompatibleText: 'string', Chunks: 'array' } },
};

const IMAGE_INFO: Record<string, FieldType> = { Type: 'int', Size: 'int', Width: 'int', Height: 'int', URL: 'string' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fits = (value: unknown, type: FieldType): boolean => {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'int': return typeof value === 'number' && Number.isInteger(value) && value >= 0;
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
  }
};

function checkFields(where: string, content: Record<string, unknown>, fields: Record<string, FieldType>, required: string[] = []): void {
  for (const name of required) {
    if (content[name] === undefined) throw new ImError(MsgCode.FormatInvalid, `${where}.${name} is required`);
  }
  for (const [name, type] of Object.entries(fields)) {
    const value = content[name];
    if (value !== undefined && !fits(value, type)) throw new ImError(MsgCode.FormatInvalid, `${where}.${name} must be ${type === 'int' ? 'a non-negative integer' : `a ${type}`}`);
  }
}

function checkRelay(where: string, content: Record<string, unknown>): void {
  const abstracts = content.AbstractList as unknown[] | undefined;
  if (abstracts?.some((a) => typeof a !== 'string')) throw new ImError(MsgCode.FormatInvalid, `${where}.AbstractList must hold strings`);
  const list = (content.MsgList as unknown[] | undefined) ?? [];
  list.forEach((m, i) => {
    const at = `${where}.MsgList[${i}]`;
    if (!isObject(m)) throw new ImError(MsgCode.FormatInvalid, `${at} must be an object`);
    checkFields(at, m, { From_Account: 'string', To_Account: 'string', GroupId: 'string', MsgSeq: 'int', MsgRandom: 'int', MsgTimeStamp: 'int', MsgBody: 'array', CloudCustomData: 'string' });
    if (m.MsgBody !== undefined) validateElements(m.MsgBody as unknown[], `${at}.MsgBody`, false);
  });
}

function validateElements(body: unknown[], where: string, top: boolean): MsgElement[] {
  if (body.length === 0) throw new ImError(MsgCode.BodyMalformed, `${where} is empty`);
  let customs = 0;
  body.forEach((element, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(element)) throw new ImError(MsgCode.BodyMalformed, `${at} must be an object with MsgType and MsgContent`);
    const type = element.MsgType;
    if (typeof type !== 'string') throw new ImError(MsgCode.BodyMalformed, `${at}.MsgType is required`);
    const rule = Object.hasOwn(RULES, type) ? RULES[type] : undefined;
    if (!rule) throw new ImError(MsgCode.BodyMalformed, `${at}.MsgType "${type}" is not a known element type`);
    const content = element.MsgContent;
    if (!isObject(content)) throw new ImError(MsgCode.BodyMalformed, `${at}.MsgContent must be an object`);
    checkFields(`${at}.MsgContent`, content, rule.fields, rule.required);
    if (type === 'TIMImageElem') {
      (content.ImageInfoArray as unknown[]).forEach((info, j) => {
        const infoAt = `${at}.MsgContent.ImageInfoArray[${j}]`;
        if (!isObject(info)) throw new ImError(MsgCode.FormatInvalid, `${infoAt} must be an object`);
        checkFields(infoAt, info, IMAGE_INFO);
      });
    }
    if (type === 'TIMRelayElem') checkRelay(`${at}.MsgContent`, content);
    if (type === 'TIMCustomElem') customs += 1;
  });
  if (top && customs > 1) throw new ImError(MsgCode.BodyMalformed, `${where} has ${customs} TIMCustomElem elements; at most one is allowed`);
  return body as MsgElement[];
}

const UNSAFE_KEYS = new Set(['', '__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A copy of the body that every store and queue takes: keys DynamoDB refuses (empty) or that reach prototypes are
 * left out, and strings with unpaired surrogates (not UTF-8, refused by SQS) answer the format code. Found by the fuzz
 * run (docs/reliability.md): such bodies answered 90994 from the stores instead of a client error.
 */
function storable(value: unknown, at: string): unknown {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new ImError(MsgCode.BodyMalformed, `${at} holds an unpaired UTF-16 surrogate (not valid UTF-8)`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => storable(v, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !UNSAFE_KEYS.has(k)).map(([k, v]) => [k, storable(v, `${at}.${k}`)]));
  }
  return value;
}

/** Checks `MsgBody` against the element formats (90002, 90007, 90010), the 12 KB limit (93000) and the dirty words (80001). */
export function validateMsgBody(body: unknown, dirtyWords: readonly string[] = []): MsgElement[] {
  if (body === undefined) throw new ImError(MsgCode.BodyNotArray, 'MsgBody is required');
  if (!Array.isArray(body)) throw new ImError(MsgCode.BodyNotArray, 'MsgBody must be an array');
  const elements = validateElements(storable(body, 'MsgBody') as unknown[], 'MsgBody', true);
  const bytes = utf8Bytes(JSON.stringify(elements));
  if (bytes >= MAX_BODY_BYTES) throw new ImError(MsgCode.TooLong, `MsgBody is ${bytes} bytes; it must stay under ${MAX_BODY_BYTES}`);
  checkDirtyWords(elements, dirtyWords);
  return elements;
}

/** Refuses a text element that contains a configured word (case-insensitive). */
export function checkDirtyWords(elements: readonly MsgElement[], dirtyWords: readonly string[]): void {
  if (dirtyWords.length === 0) return;
  const words = dirtyWords.map((w) => w.toLowerCase());
  for (const element of elements) {
    if (element.MsgType !== 'TIMTextElem') continue;
    const text = String(element.MsgContent.Text).toLowerCase();
    if (words.some((w) => text.includes(w))) throw new ImError(MsgCode.DirtyWords, 'the text contains a forbidden word');
  }
}
