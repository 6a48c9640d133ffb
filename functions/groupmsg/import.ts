import type { AppConfig } from '../shared/config.js';
import { ImError, isImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { GroupMsgCode, LIMITS } from './groupmsg-codes.js';
import { loadGroupOr10010, validateGroupBody } from './send.js';

type ImportServices = Pick<ServiceCatalog, 'clock' | 'groups' | 'groupMessages' | 'c2c'>;

export interface ImportItem {
  From_Account: string;
  SendTime: number;
  Random?: number;
  MsgBody?: unknown;
}

/**
 * `import_group_msg`: up to 7 messages in ascending `SendTime`, each after the group's creation and not in the
 * future; each takes the next SEQ and is stored with its own time. No callbacks, no delivery. Per message:
 * `Result` 0, 10004 (bad time) or 80002 (too long); a body that breaks the element rules refuses the whole call.
 */
export async function importGroupMessages(services: ImportServices, config: AppConfig, groupId: string, items: readonly ImportItem[]) {
  if (items.length > LIMITS.importBatch) throw new ImError(GroupMsgCode.TooMany, `MsgList has more than ${LIMITS.importBatch} messages`);
  const group = await loadGroupOr10010(services, groupId);
  if (group.type === 'AVChatRoom') throw new ImError(GroupMsgCode.NoPermission, 'AVChatRoom messages cannot be imported');
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.SendTime < items[i - 1]!.SendTime) throw new ImError(GroupMsgCode.InvalidParam, `MsgList must be in ascending SendTime (item ${i} is older than item ${i - 1})`);
  }
  const nowS = Math.floor(services.clock() / 1000);
  const checked = items.map((item) => {
    if (item.SendTime < group.createTime || item.SendTime > nowS) return { result: GroupMsgCode.InvalidParam };
    try {
      return { result: 0, body: validateGroupBody(item.MsgBody, []) };
    } catch (e) {
      if (isImError(e) && e.code === GroupMsgCode.TooLong) return { result: GroupMsgCode.TooLong };
      throw e;
    }
  });
  const out: Array<{ Result: number; MsgTime: number; MsgSeq: number }> = [];
  // In order, so SEQs follow the times.
  for (const [i, item] of items.entries()) {
    const c = checked[i]!;
    if (c.result !== 0) { out.push({ Result: c.result, MsgTime: item.SendTime, MsgSeq: 0 }); continue; }
    const admitted = await services.groupMessages.admit({ groupId, time: item.SendTime, threshold: Infinity, takeSeq: true, moveLast: true, noUnread: false });
    if (admitted.outcome !== 'admitted') throw new ImError(GroupMsgCode.NotFound, `group ${groupId} was dissolved`);
    const sender = await services.c2c.senderFacts(item.From_Account);
    await services.groupMessages.putMessage({
      groupId, seq: admitted.seq, from: item.From_Account, random: item.Random ?? 0, time: item.SendTime, body: c.body!,
      ...(sender.nick !== undefined && { nick: sender.nick }), priority: 2, recalled: false, deleted: false,
      expiresAt: item.SendTime + config.retentionDays * 86400,
    });
    out.push({ Result: 0, MsgTime: item.SendTime, MsgSeq: admitted.seq });
  }
  return out;
}
