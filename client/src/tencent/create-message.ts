import { newMsgRandom } from '../elements.js';
import { TYPES } from './constants.js';
import { ChatError, CODE } from './errors.js';
import { blankMessage, type Message } from './message.js';
import { missingUrl, type Payload } from './payload.js';

/** Tencent's `MESSAGE_OPTIONS` (the fields this server acts on; `onProgress` is accepted and never called: no uploads). */
export interface MessageOptions {
  to: string;
  conversationType: string;
  priority?: string;
  payload: Payload;
  cloudCustomData?: string;
  needReadReceipt?: boolean;
  receiverList?: string[];
  isSupportExtension?: boolean;
  onProgress?: (...args: unknown[]) => void;
  customModerationConfigurationID?: string;
}

/** What a send needs beyond the message's public fields. */
export interface SendExtras { receiverList?: string[] }

/**
 * A Tencent message not sent yet (`status: 'unSend'`), from `me`. Its MsgRandom is chosen now, so its ID is final
 * (the receiver and history give the same one) and a resend of it is stored once.
 */
export function createMessage(me: string, type: string, options: MessageOptions): Message {
  if (!options || typeof options.to !== 'string' || options.to === '') throw new ChatError(CODE.INVALID_PARAMETERS, 'to is required');
  const conversationType = options.conversationType;
  if (conversationType !== TYPES.CONV_C2C && conversationType !== TYPES.CONV_GROUP) {
    throw new ChatError(2106, 'conversationType must be TencentCloudChat.TYPES.CONV_C2C or CONV_GROUP');
  }
  const payload = { ...(options.payload ?? {}) };
  if (missingUrl(type, payload)) {
    throw new ChatError(CODE.NOT_SUPPORTED, `${type}: this server does not upload files; upload it yourself and pass its URL in payload (client/src/tencent/README.md)`);
  }
  const atUserList = Array.isArray(payload.atUserList) ? payload.atUserList.map(String) : [];
  return blankMessage({
    type, payload, conversationID: `${conversationType}${options.to}`, conversationType, to: options.to, from: me, random: newMsgRandom(),
    time: Math.floor(Date.now() / 1000), priority: options.priority ?? TYPES.MSG_PRIORITY_NORMAL, cloudCustomData: options.cloudCustomData ?? '',
    needReadReceipt: options.needReadReceipt === true, isSupportExtension: options.isSupportExtension === true, atUserList,
  });
}
