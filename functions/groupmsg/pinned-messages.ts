import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { GroupMsgCode, LIMITS } from './groupmsg-codes.js';
import type { GroupCounters, GroupMessage } from './groupmsg-store.js';
import { groupMessageView } from './message-view.js';
import { deliverGroupEvent } from './online-index.js';
import { countersOr10010, ordinaryGroupsOnly } from './read-state.js';
import type { PinnedMessage } from './pinned-store.js';

export type PinServices = Pick<ServiceCatalog, 'clock' | 'groupMessages' | 'pinnedMessages' | 'groupFanOut' | 'gateway' | 'connections'>;

export interface PinRequest {
  groupId: string;
  seq: number;
  pinned: boolean;
  actor: string;
  /** The app admin (an admin identifier on the WebSocket) acts without being a member. */
  appAdmin: boolean;
}

/** Tencent pins messages in ordinary groups only ("Pin Messages": not AVChatRoom, not Community). */
const refuseUnsupported = (group: GroupCounters) => ordinaryGroupsOnly(group, 'pinned messages');

async function roleOf(services: PinServices, req: { groupId: string; actor: string; appAdmin: boolean }): Promise<string> {
  if (req.appAdmin) return 'AppAdmin';
  const member = (await services.groupMessages.standing(req.groupId, req.actor, false)).member;
  if (!member) throw new ImError(GroupMsgCode.NoPermission, `you are not a member of group ${req.groupId}`);
  return member.role;
}

/** Whether a stored message can be shown as pinned: still stored, not recalled, deleted or cleared, not a tip. */
const visible = (m: GroupMessage | undefined, group: GroupCounters, nowS: number): m is GroupMessage =>
  m !== undefined && m.expiresAt > nowS && !m.recalled && !m.deleted && !m.tip && m.seq > group.clearedSeq;

/**
 * Pins or unpins a group message (Tencent's `pinGroupMessage`): owners, admins and the app admin; at most
 * `LIMITS.pinnedMessages` per group (10070 past it). Pinning a pinned message, or unpinning one that is not,
 * changes nothing and succeeds. Online members get `group.message.pinned`.
 */
export async function pinGroupMessage(services: PinServices, req: PinRequest): Promise<void> {
  const group = await countersOr10010(services, req.groupId);
  refuseUnsupported(group);
  const role = await roleOf(services, req);
  if (role !== 'Owner' && role !== 'Admin' && role !== 'AppAdmin') {
    throw new ImError(GroupMsgCode.NoPermission, 'only the group owner and admins may pin or unpin messages');
  }
  const nowS = Math.floor(services.clock() / 1000);
  if (!req.pinned) {
    if (await services.pinnedMessages.unpin(req.groupId, req.seq)) await announce(services, group, req, undefined, nowS);
    return;
  }
  const [message] = await services.groupMessages.getMessages(req.groupId, [req.seq]);
  if (!visible(message, group, nowS)) {
    throw new ImError(GroupMsgCode.RecallNotFound, `message ${req.seq} does not exist, expired, was recalled or deleted, or is a group tip`);
  }
  // Pinning shows the message to every member: a targeted message is for some of them only.
  if (message.targets) throw new ImError(GroupMsgCode.InvalidParam, `message ${req.seq} is a targeted message (To_Account) and cannot be pinned`);
  const outcome = await services.pinnedMessages.pin(req.groupId, { seq: req.seq, by: req.actor, at: nowS }, LIMITS.pinnedMessages);
  if (outcome === 'full') throw new ImError(GroupMsgCode.PinnedLimit, `group ${req.groupId} already has ${LIMITS.pinnedMessages} pinned messages; unpin one first`);
  if (outcome === 'pinned') await announce(services, group, req, message, nowS);
}

async function announce(services: PinServices, group: GroupCounters, req: PinRequest, message: GroupMessage | undefined, nowS: number) {
  await deliverGroupEvent(services, group.groupId, group.type, 'group.message.pinned', {
    GroupId: group.groupId, MsgSeq: req.seq, IsPinned: req.pinned ? 1 : 0, Operator_Account: req.actor, PinTime: nowS,
    ...(message && { Message: groupMessageView(message) }),
  });
}

/**
 * The group's pinned messages, most recently pinned first, each as `group.message` data with `PinTime` and
 * `Pinner_Account`. Members and the app admin. Pins whose message has since gone (expired, recalled, deleted,
 * cleared) are left out and removed, so they stop counting toward the limit.
 */
export async function listPinnedMessages(services: PinServices, req: { groupId: string; actor: string; appAdmin: boolean }) {
  const group = await countersOr10010(services, req.groupId);
  refuseUnsupported(group);
  await roleOf(services, req);
  const pins = await services.pinnedMessages.list(req.groupId);
  const nowS = Math.floor(services.clock() / 1000);
  const messages = pins.length ? new Map((await services.groupMessages.getMessages(req.groupId, pins.map((p) => p.seq))).map((m) => [m.seq, m])) : new Map();
  const shown: Array<{ pin: PinnedMessage; message: GroupMessage }> = [];
  const gone: number[] = [];
  for (const pin of pins) {
    const message = messages.get(pin.seq);
    if (visible(message, group, nowS)) shown.push({ pin, message });
    else gone.push(pin.seq);
  }
  await Promise.all(gone.map((seq) => services.pinnedMessages.unpin(req.groupId, seq)));
  return {
    GroupId: req.groupId,
    PinnedMessages: shown.map(({ pin, message }) => ({ ...groupMessageView(message), PinTime: pin.at, Pinner_Account: pin.by })),
  };
}
