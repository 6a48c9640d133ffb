import { ImError } from '../shared/errors.js';
import type { MsgElement } from './message-body.js';

/**
 * Codes of message edits (C2C and group: both REST commands are in service `openim`, whose error table they share;
 * docs/rest.md "Message edit" cites the sources and marks what is inferred).
 */
export const ModifyCode = {
  /** Tencent's "message does not exist" of the modify commands. */
  NotFound: 20026,
  /** C2C's "message already recalled" (inferred for edits: a recalled message has no body left to change). */
  Recalled: 20023,
  /** ERR_SDK_MSG_MODIFY_CONFLICT: another edit changed the message since the version the client edited. */
  Conflict: 2480,
  /** The Web SDK's "AVChatRoom messages cannot be modified". */
  AVChatRoom: 2481,
} as const;

/**
 * Element types a user may edit (Tencent's client SDKs, "Modifying a Message": text, custom, location and face; any
 * message's CloudCustomData). The app admin over REST may write any valid body, as Tencent's REST pages allow.
 */
export const EDITABLE_ELEMENTS: ReadonlySet<string> = new Set(['TIMTextElem', 'TIMCustomElem', 'TIMLocationElem', 'TIMFaceElem']);

/** Refuses a user's edit of a body holding other elements, or of a message whose stored body does (`code`: the feature's format code). */
export function requireEditable(body: readonly MsgElement[], what: 'new MsgBody' | 'message', code: number): void {
  const other = body.find((e) => !EDITABLE_ELEMENTS.has(e.MsgType));
  if (!other) return;
  throw new ImError(code, `the ${what} holds a ${other.MsgType}: only TIMTextElem, TIMCustomElem, TIMLocationElem and TIMFaceElem elements can be modified (CloudCustomData of any message)`);
}

/** At least one of the two fields: an edit that changes nothing is a mistake. */
export function requireChange(body: unknown, cloudCustomData: string | undefined, code: number): void {
  if (body === undefined && cloudCustomData === undefined) throw new ImError(code, 'MsgBody or CloudCustomData is required: nothing to modify');
}

/** The error of an edit that found another version stored: it carries the current message (`view`) for the client to merge. */
export const conflictError = (version: number, expected: number, view: Record<string, unknown>) =>
  new ImError(ModifyCode.Conflict, `the message was modified meanwhile: it is at MsgVersion ${version}, not ${expected}; data.Message is the current message`, { Message: view });
