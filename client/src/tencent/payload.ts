import type { MsgElement } from '../elements.js';
import { TYPES } from './constants.js';

/** A message's `payload` as Tencent's Web SDK shapes it for each element type (camelCase of the REST element). */
export type Payload = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

/** REST image Type (1 original, 2 large, 3 thumbnail) to the Web SDK's (0 original, 1 thumbnail, 2 large) and back. */
const WEB_IMAGE_TYPE: Record<number, number> = { 1: 0, 2: 2, 3: 1 };
const REST_IMAGE_TYPE: Record<number, 1 | 2 | 3> = { 0: 1, 2: 2, 1: 3 };

/** A received element as Tencent's payload. Unknown element types keep their REST content, so nothing is lost. */
export function toPayload(e: MsgElement): Payload {
  const c = e.MsgContent as Record<string, unknown>;
  switch (e.MsgType) {
    case TYPES.MSG_TEXT: return { text: str(c.Text) };
    case TYPES.MSG_CUSTOM: return { data: str(c.Data), description: str(c.Desc), extension: str(c.Ext) };
    case TYPES.MSG_FACE: return { index: num(c.Index), data: str(c.Data) };
    case TYPES.MSG_LOCATION: return { description: str(c.Desc), longitude: num(c.Longitude), latitude: num(c.Latitude) };
    case TYPES.MSG_IMAGE: return {
      uuid: str(c.UUID), imageFormat: num(c.ImageFormat),
      imageInfoArray: (Array.isArray(c.ImageInfoArray) ? c.ImageInfoArray as Array<Record<string, unknown>> : []).map((i) => ({
        type: WEB_IMAGE_TYPE[num(i.Type)] ?? 0, size: num(i.Size), width: num(i.Width), height: num(i.Height), url: str(i.URL),
      })),
    };
    case TYPES.MSG_AUDIO: return { uuid: str(c.UUID), url: str(c.Url), size: num(c.Size), second: num(c.Second), downloadFlag: num(c.Download_Flag) };
    case TYPES.MSG_FILE: return { uuid: str(c.UUID), fileUrl: str(c.Url), fileName: str(c.FileName), fileSize: num(c.FileSize), downloadFlag: num(c.Download_Flag) };
    case TYPES.MSG_VIDEO: return {
      videoUrl: str(c.VideoUrl), videoUUID: str(c.VideoUUID), videoSize: num(c.VideoSize), videoSecond: num(c.VideoSecond), videoFormat: str(c.VideoFormat),
      videoDownloadFlag: num(c.VideoDownloadFlag), thumbUrl: str(c.ThumbUrl), thumbUUID: str(c.ThumbUUID), thumbSize: num(c.ThumbSize),
      thumbWidth: num(c.ThumbWidth), thumbHeight: num(c.ThumbHeight), thumbFormat: str(c.ThumbFormat), thumbDownloadFlag: num(c.ThumbDownloadFlag),
    };
    case TYPES.MSG_MERGER: return {
      title: str(c.Title), abstractList: Array.isArray(c.AbstractList) ? c.AbstractList.map(str) : [], compatibleText: str(c.CompatibleText),
      // The merged messages travel inside the element here: nothing to download, `downloadMergerMessage` returns the message.
      messageList: (Array.isArray(c.MsgList) ? c.MsgList as Array<Record<string, unknown>> : []).map(mergedItem), downloadKey: '', layersOverLimit: false, version: 0,
    };
    default: return { ...c };
  }
}

/**
 * An outgoing payload as the REST element. File-like types take URLs of files the app uploaded itself (this server
 * stores no files): Tencent's `file` (a File or an <input>) cannot be sent, and the call says so.
 */
export function toElement(type: string, p: Payload): MsgElement {
  switch (type) {
    case TYPES.MSG_TEXT: return { MsgType: type, MsgContent: { Text: str(p.text) } };
    case TYPES.MSG_CUSTOM: return { MsgType: type, MsgContent: { Data: str(p.data), Desc: str(p.description), Ext: str(p.extension) } };
    case TYPES.MSG_FACE: return { MsgType: type, MsgContent: { Index: num(p.index), Data: str(p.data) } };
    case TYPES.MSG_LOCATION: return { MsgType: type, MsgContent: { Desc: str(p.description), Latitude: num(p.latitude), Longitude: num(p.longitude) } };
    case TYPES.MSG_IMAGE: {
      const infos = Array.isArray(p.imageInfoArray) ? p.imageInfoArray as Array<Record<string, unknown>>
        : [{ type: 0, url: p.url, width: p.width, height: p.height, size: p.size }];
      return {
        MsgType: type, MsgContent: {
          UUID: str(p.uuid) || str(infos[0]?.url), ImageFormat: num(p.imageFormat) || 255,
          ImageInfoArray: infos.map((i) => ({ Type: REST_IMAGE_TYPE[num(i.type)] ?? 1, Size: num(i.size), Width: num(i.width), Height: num(i.height), URL: str(i.url) })),
        },
      };
    }
    case TYPES.MSG_AUDIO: return { MsgType: type, MsgContent: { Url: str(p.url), UUID: str(p.uuid) || str(p.url), Size: num(p.size), Second: num(p.second), Download_Flag: 2 } };
    case TYPES.MSG_FILE: return {
      MsgType: type, MsgContent: { Url: str(p.fileUrl ?? p.url), UUID: str(p.uuid) || str(p.fileUrl ?? p.url), FileSize: num(p.fileSize ?? p.size), FileName: str(p.fileName), Download_Flag: 2 },
    };
    case TYPES.MSG_VIDEO: return {
      MsgType: type, MsgContent: {
        VideoUrl: str(p.videoUrl), VideoUUID: str(p.videoUUID) || str(p.videoUrl), VideoSize: num(p.videoSize), VideoSecond: num(p.videoSecond),
        VideoFormat: str(p.videoFormat) || 'mp4', VideoDownloadFlag: 2, ThumbUrl: str(p.thumbUrl), ThumbUUID: str(p.thumbUUID) || str(p.thumbUrl),
        ThumbSize: num(p.thumbSize), ThumbWidth: num(p.thumbWidth), ThumbHeight: num(p.thumbHeight), ThumbFormat: str(p.thumbFormat) || 'jpg', ThumbDownloadFlag: 2,
      },
    };
    case TYPES.MSG_MERGER: {
      const list = Array.isArray(p.messageList) ? p.messageList as Array<Record<string, unknown>> : [];
      return {
        MsgType: type, MsgContent: {
          Title: str(p.title), MsgNum: list.length, CompatibleText: str(p.compatibleText) || 'Upgrade your client to see merged messages.',
          AbstractList: Array.isArray(p.abstractList) ? p.abstractList.map(str) : [], MsgList: list.map(restItem),
        },
      };
    }
    default: return { MsgType: type, MsgContent: { ...p } };
  }
}

type Body = Array<{ type: string; payload: Payload }>;

/** A merged message as Tencent's merger payload lists it: who, when, and `messageBody` [{ type, payload }]. */
function mergedItem(m: Record<string, unknown>) {
  const body = (Array.isArray(m.MsgBody) ? m.MsgBody : []) as MsgElement[];
  return {
    from: str(m.From_Account), to: str(m.To_Account ?? m.GroupId), conversationType: m.GroupId === undefined ? TYPES.CONV_C2C : TYPES.CONV_GROUP, sequence: num(m.MsgSeq), random: num(m.MsgRandom), time: num(m.MsgTimeStamp),
    cloudCustomData: str(m.CloudCustomData), nick: '', avatar: '', messageBody: body.map((e) => ({ type: e.MsgType, payload: toPayload(e) })),
  };
}

/** A message to merge (one of this SDK's messages, or an item of a received merger payload) as the element's `MsgList` item. */
function restItem(m: Record<string, unknown>) {
  const body = Array.isArray(m.messageBody) ? (m.messageBody as Body).map((b) => toElement(b.type, b.payload)) : [toElement(str(m.type), (m.payload ?? {}) as Payload)];
  const group = m.conversationType === TYPES.CONV_GROUP;
  return {
    From_Account: str(m.from), ...(group ? { GroupId: str(m.to) } : { To_Account: str(m.to) }), MsgSeq: num(m.sequence), MsgRandom: num(m.random),
    MsgTimeStamp: num(m.time), MsgBody: body, ...(str(m.cloudCustomData) !== '' && { CloudCustomData: str(m.cloudCustomData) }),
  };
}

/** The URL each file-like type needs; missing means the app passed Tencent's `file` (an upload), which we do not do. */
export function missingUrl(type: string, p: Payload): boolean {
  switch (type) {
    case TYPES.MSG_IMAGE: return !(Array.isArray(p.imageInfoArray) && p.imageInfoArray.length > 0) && !str(p.url);
    case TYPES.MSG_AUDIO: return !str(p.url);
    case TYPES.MSG_FILE: return !str(p.fileUrl ?? p.url);
    case TYPES.MSG_VIDEO: return !str(p.videoUrl);
    default: return false;
  }
}

/** Tencent's `messageForShow` of a conversation's last message. */
export function textForShow(e: MsgElement | undefined): string {
  if (!e) return '';
  const c = e.MsgContent as Record<string, unknown>;
  switch (e.MsgType) {
    case TYPES.MSG_TEXT: return str(c.Text);
    case TYPES.MSG_CUSTOM: return '[Custom Messages]';
    case TYPES.MSG_FACE: return '[Animated Sticker]';
    case TYPES.MSG_LOCATION: return '[Location]';
    case TYPES.MSG_IMAGE: return '[Image]';
    case TYPES.MSG_AUDIO: return '[Voice]';
    case TYPES.MSG_FILE: return '[File]';
    case TYPES.MSG_VIDEO: return '[Video]';
    case TYPES.MSG_MERGER: return '[Chat History]';
    case TYPES.MSG_GRP_TIP: return '[Group Notification]';
    default: return '';
  }
}
