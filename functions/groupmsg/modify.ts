import type { AppConfig } from '../shared/config.js';
import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import type { CallbackMeta } from '../shared/callback-meta.js';
import { conflictError, ModifyCode, requireChange, requireEditable } from '../c2c/modify-rules.js';
import { GroupMsgCode } from './groupmsg-codes.js';
import type { GroupMessage } from './groupmsg-store.js';
import { groupMessageView } from './message-view.js';
import { deliverGroupEvent } from './online-index.js';
import { countersOr10010 } from './read-state.js';
import { validateGroupBody } from './send.js';
import { communityOf, isTopicId } from '../topics/topic-ids.js';

type ModifyServices = Pick<ServiceCatalog, 'clock' | 'groupMessages' | 'groupFanOut' | 'gateway' | 'connections' | 'webhooks'>;

export const AFTER_MODIFY_GROUP = 'Group.CallbackAfterModifyMsg';

export interface GroupModifyRequest {
  groupId: string;
  seq: number;
  body?: unknown;
  cloudCustomData?: string;
  expectedVersion?: number;
  /** A member over the WebSocket, or the app admin (REST, or an admin identifier). */
  actor: string;
  appAdmin: boolean;
  /** `user`: a WebSocket client (only editable element types; AVChatRoom answers the Web SDK's 2481); `admin`: REST. */
  by: 'user' | 'admin';
  meta: CallbackMeta;
  exceptConnectionId?: string;
}

/** Whether the reader may see the message at all: a targeted message is for its members and its sender. */
const sees = (m: GroupMessage, actor: string, appAdmin: boolean) => appAdmin || !m.targets || m.from === actor || m.targets.includes(actor);

/**
 * Edits a group message in place (`msg.modify` with GroupId, `openim/modify_group_msg`): any member (Tencent's
 * "any member of the conversation"), the app admin over REST. One conditional UpdateItem bumps the message's version.
 * Not AVChatRoom messages (none are stored), not tips, not recalled or deleted ones. Online members get
 * `message.modified` (a targeted message: its members and sender only); fires `Group.CallbackAfterModifyMsg`.
 */
export async function modifyGroupMessage(services: ModifyServices, config: AppConfig, req: GroupModifyRequest): Promise<Record<string, unknown>> {
  requireChange(req.body, req.cloudCustomData, GroupMsgCode.InvalidParam);
  const body = req.body === undefined ? undefined : validateGroupBody(req.body, config.dirtyWords);
  if (body && req.by === 'user') requireEditable(body, 'new MsgBody', GroupMsgCode.InvalidParam);
  const group = await countersOr10010(services, req.groupId);
  if (group.type === 'AVChatRoom') {
    throw new ImError(req.by === 'user' ? ModifyCode.AVChatRoom : GroupMsgCode.NoPermission, 'AVChatRoom messages are not stored and cannot be modified');
  }
  if (!req.appAdmin && !(await services.groupMessages.standing(req.groupId, req.actor, false)).member) {
    throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${req.groupId}`);
  }
  const nowS = Math.floor(services.clock() / 1000);
  const notFound = () => new ImError(ModifyCode.NotFound, `message ${req.seq} of group ${req.groupId} does not exist (not stored, expired, deleted or cleared)`);
  const [original] = await services.groupMessages.getMessages(req.groupId, [req.seq]);
  if (!original || original.expiresAt <= nowS || original.deleted || req.seq <= group.clearedSeq || !sees(original, req.actor, req.appAdmin)) throw notFound();
  if (original.tip) throw new ImError(GroupMsgCode.InvalidParam, `message ${req.seq} is a group tip; tips cannot be modified`);
  if (original.recalled) throw new ImError(ModifyCode.Recalled, `message ${req.seq} was recalled and cannot be modified`);
  if (body && req.by === 'user') requireEditable(original.body, 'message', GroupMsgCode.InvalidParam);

  const outcome = await services.groupMessages.modify(req.groupId, req.seq, {
    ...(body && { body }), ...(req.cloudCustomData !== undefined && { cloudCustomData: req.cloudCustomData }), expectedVersion: req.expectedVersion,
  }, nowS);
  if (outcome.outcome === 'missing') throw notFound();
  if (outcome.outcome === 'recalled') throw new ImError(ModifyCode.Recalled, `message ${req.seq} was recalled and cannot be modified`);
  if (outcome.outcome === 'conflict') throw conflictError(outcome.current.version ?? 0, req.expectedVersion ?? 0, groupMessageView(outcome.current));

  const message = outcome.message;
  const view = groupMessageView(message);
  const only = message.targets ? new Set([...message.targets, message.from]) : undefined;
  await deliverGroupEvent(services, req.groupId, group.type, 'message.modified', { ...view, Operator_Account: req.actor },
    (c) => c.connectionId !== req.exceptConnectionId && c.msgFlag !== 'Discard' && (!only || only.has(c.userId)));
  // Tencent's body (cloud.tencent.com/document/product/269/129193) has no CloudCustomData; TopicId is "" for the group itself.
  await services.webhooks.after(AFTER_MODIFY_GROUP, {
    MsgBody: message.body, Operator_Account: req.actor, GroupId: communityOf(req.groupId), TopicId: isTopicId(req.groupId) ? req.groupId : '', MsgSeq: message.seq, EventTime: services.clock(),
  }, req.meta);
  return view;
}
