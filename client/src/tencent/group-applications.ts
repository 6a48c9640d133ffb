import type { ServerEvents } from '../protocol.js';
import { EVENT, TYPES } from './constants.js';
import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';
import { toWebGroupType } from './group.js';
import { blankMessage, type Message } from './message.js';
import { groupInfo, readGroups } from './profiles-and-groups.js';

/**
 * Join applications (`group.applications`, `group.handleApplication`) and the server's `group.system` notices as
 * Tencent's group system notice messages (`MSG_GRP_SYS_NOTICE` in the `@TIM#SYSTEM` conversation).
 */

/** An item of Tencent's `getGroupApplicationList` `applicationList`. */
export interface GroupApplication {
  applicant: string;
  applicantNick: string;
  groupID: string;
  groupName: string;
  /** 0: a request to join (the server has no invitations that need approval, Tencent's 2). */
  applicationType: number;
  /** The invitee for applicationType 2: empty here. */
  userID: string;
  /** The applicant's ApplyMsg. */
  note: string;
  authentication: string;
  /** The application's time (unix s). */
  messageKey: number;
}

const MANAGERS = new Set<string>([TYPES.GRP_MBR_ROLE_OWNER, TYPES.GRP_MBR_ROLE_ADMIN]);

/**
 * The pending applications of every joined group whose applications this user may see (the server lists them per group):
 * those it owns or administers, and Communities, where with permission groups the `ManageGroupMember` bit decides
 * (and an admin without it may not: 10007 leaves that group out).
 */
export async function getGroupApplicationList(ctx: ChatContext) {
  const groups = (await readGroups(ctx)).filter((g) => MANAGERS.has(g.selfInfo.role ?? '') || g.type === TYPES.GRP_COMMUNITY);
  const perGroup = await Promise.all(groups.map(async (g) => {
    const reply = await call(() => ctx.im().groupApplications({ GroupId: g.groupID })).catch((e: ChatError) => {
      if (e.code === 10007) return {};
      throw e;
    }) as { ApplicationList?: Array<{ Requestor_Account: string; ApplyMsg?: string; ApplyTime?: number }> };
    return (reply.ApplicationList ?? []).map((a) => ({ group: g, a }));
  }));
  const items = perGroup.flat();
  const profiles = items.length > 0 ? await call(() => ctx.book.loadProfiles([...new Set(items.map((i) => i.a.Requestor_Account))])) : [];
  const nick = new Map(profiles.map((p) => [p.userID, p.nick]));
  const applicationList: GroupApplication[] = items.map(({ group, a }) => ({
    applicant: a.Requestor_Account, applicantNick: nick.get(a.Requestor_Account) ?? '', groupID: group.groupID, groupName: group.name,
    applicationType: 0, userID: '', note: a.ApplyMsg ?? '', authentication: '', messageKey: Number(a.ApplyTime ?? 0),
  }));
  return ok({ applicationList });
}

export interface HandleGroupApplicationOptions {
  handleAction: string;
  handleMessage?: string;
  /** The `MSG_GRP_SYS_NOTICE` message of the application (operationType 1). */
  message?: Message;
  /** An item of `getGroupApplicationList`. */
  application?: Partial<GroupApplication>;
}

/** `handleAction` `Agree` or `Reject`; the application from `application` or the notice `message`. `handleMessage` is not kept by the server. */
export async function handleGroupApplication(ctx: ChatContext, options: HandleGroupApplicationOptions) {
  const o = options ?? {} as HandleGroupApplicationOptions;
  if (o.handleAction !== 'Agree' && o.handleAction !== 'Reject') throw new ChatError(CODE.INVALID_PARAMETERS, 'handleGroupApplication: handleAction is Agree or Reject');
  const payload = o.message?.payload as { groupProfile?: { groupID?: string }; operatorID?: string } | undefined;
  const groupID = o.application?.groupID ?? payload?.groupProfile?.groupID;
  const applicant = o.application?.applicant ?? payload?.operatorID;
  if (!groupID || !applicant) throw new ChatError(CODE.INVALID_PARAMETERS, 'handleGroupApplication needs application (from getGroupApplicationList) or message (its group system notice)');
  if (o.application?.applicationType === 2) throw new ChatError(CODE.NOT_SUPPORTED, 'handleGroupApplication: the server has no invitations that need approval');
  await call(() => ctx.im().handleGroupApplication({ GroupId: groupID, Requestor_Account: applicant, Decision: o.handleAction === 'Agree' ? 'Approve' : 'Reject' }));
  return ok({ group: await groupInfo(ctx, groupID) });
}

/** Tencent's group system notice `operationType`s for the server's `group.system` `Type`s. */
const OPERATION: Record<string, number> = { JoinApplication: 1, Kicked: 4, Destroyed: 5, Created: 6, Invited: 7, Quit: 8, Notification: 255 };

/** A `group.system` event as the message Tencent's SDK delivers for it (MESSAGE_RECEIVED, conversation `@TIM#SYSTEM`). */
export function systemNotice(data: ServerEvents['group.system'], me: string): Message | undefined {
  const d = data as ServerEvents['group.system'] & { Requestor_Account?: string; ApplyMsg?: string; Decision?: string; Reason?: string; Content?: string };
  const operationType = d.Type === 'ApplicationHandled' ? (d.Decision === 'Approved' ? 2 : 3) : OPERATION[d.Type];
  if (operationType === undefined) return undefined;
  const operatorID = d.Type === 'JoinApplication' ? d.Requestor_Account ?? '' : d.Operator_Account ?? '';
  // From the notice itself, so the pushed notice and the same one read back with getMessageList are one message (one ID).
  let random = 5381;
  for (const ch of JSON.stringify(d)) random = ((random * 33) ^ ch.charCodeAt(0)) >>> 0;
  return blankMessage({
    ID: `${TYPES.CONV_SYSTEM}-${d.GroupId}-${d.NoticeTime}-${random}`, type: TYPES.MSG_GRP_SYS_NOTICE, conversationID: TYPES.CONV_SYSTEM,
    conversationType: TYPES.CONV_SYSTEM, to: me, from: TYPES.CONV_SYSTEM, flow: 'in', status: 'success', random, time: d.NoticeTime,
    payload: {
      groupProfile: { groupID: d.GroupId, type: toWebGroupType(d.GroupType) }, operationType, operatorID,
      handleMessage: d.ApplyMsg ?? '', opReason: d.Reason ?? '', ...(d.Content !== undefined && { userDefinedField: d.Content }),
    },
  });
}

/**
 * `getMessageList({ conversationID: '@TIM#SYSTEM' })`: the group system notices the server kept for this user (7 days;
 * those pushed while it was offline too), oldest first, all in one list (`isCompleted` true, no `nextReqMessageID`).
 */
export async function systemNoticeList(ctx: ChatContext) {
  const me = ctx.me();
  const messageList: Message[] = [];
  let cursor = '';
  for (let page = 0; page < 50; page++) {
    const reply = await call(() => ctx.im().groupSystemNotices({ Cursor: cursor }));
    for (const n of reply.Notices) { const m = systemNotice(n, me); if (m) messageList.push(ctx.store.put(m)); }
    cursor = reply.Cursor;
    if (reply.Complete === 1) break;
  }
  return ok({ messageList, nextReqMessageID: '', isCompleted: true });
}

/** `group.system` notices as MESSAGE_RECEIVED once the SDK is ready. */
export function wireGroupSystemNotices(ctx: ChatContext, data: ServerEvents['group.system'], ready: boolean): void {
  const message = ready ? systemNotice(data, ctx.me()) : undefined;
  if (message) ctx.emit(EVENT.MESSAGE_RECEIVED, [ctx.store.put(message)]);
}
