import { ImError } from '../shared/errors.js';
import { GroupCode } from './group-codes.js';
import type { GroupsConfig } from './group-config.js';
import { customDataToRead } from './group-access.js';
import type { GroupRecord, MemberRecord } from './group-store.js';
import type { ActorRank } from './group-types.js';

/** Base-info fields in Tencent's order (spec §4.14). */
export const GROUP_BASE_FIELDS = ['GroupId', 'Type', 'Name', 'Introduction', 'Notification', 'FaceUrl', 'Owner_Account', 'CreateTime', 'InfoSeq',
  'LastInfoTime', 'LastMsgTime', 'NextMsgSeq', 'MemberNum', 'MaxMemberNum', 'ApplyJoinOption', 'MuteAllMember'] as const;
/** `MemberInfoFilter` names (the filter says `Account` for `Member_Account`). */
export const MEMBER_FIELDS = ['Account', 'Member_Account', 'Role', 'JoinTime', 'MsgSeq', 'MsgFlag', 'LastSendMsgTime', 'NameCard', 'MuteUntil'] as const;

/** Older filter names for today's fields: Tencent's legacy samples ask for `ShutUpUntil` (today `MuteUntil`). */
const LEGACY_MEMBER_FIELDS: Readonly<Record<string, string>> = { ShutUpUntil: 'MuteUntil' };
/** A member-field filter in today's names. */
export const currentMemberFields = (fields: readonly string[]): string[] => fields.map((f) => LEGACY_MEMBER_FIELDS[f] ?? f);

export function groupBaseInfo(g: GroupRecord, appId: number): Record<string, unknown> {
  return {
    GroupId: g.groupId, Type: g.type, Name: g.name, Appid: appId, Introduction: g.introduction, Notification: g.notification, FaceUrl: g.faceUrl,
    Owner_Account: g.ownerAccount ?? '', CreateTime: g.createTime, InfoSeq: g.infoSeq, LastInfoTime: g.lastInfoTime, LastMsgTime: g.lastMsgTime,
    NextMsgSeq: g.nextMsgSeq, MemberNum: g.memberNum, MaxMemberNum: g.maxMemberNum, ApplyJoinOption: g.applyJoinOption,
    MuteAllMember: g.muteAllMember ? 'On' : 'Off',
    ...(g.extension !== undefined && { Extension: g.extension }),
    // Community only (doocs GroupInfo): integers, as create_group and modify_group_base_info take them.
    ...(g.type === 'Community' && { SupportTopic: g.supportTopic ? 1 : 0, EnablePermission: g.enablePermission ? 1 : 0, DefaultPermission: g.defaultPermission ?? 0 }),
  };
}

export function filterBaseInfo(info: Record<string, unknown>, filter: readonly string[] | undefined): Record<string, unknown> {
  if (!filter) return info;
  return Object.fromEntries(Object.entries(info).filter(([k]) => k === 'GroupId' || filter.includes(k)));
}

export function memberInfo(
  m: MemberRecord, config: GroupsConfig, rank: ActorRank, fields?: readonly string[], customFilter?: readonly string[],
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    Member_Account: m.userId, Role: m.role, JoinTime: m.joinTime, MsgSeq: m.msgSeq, MsgFlag: m.msgFlag,
    LastSendMsgTime: m.lastSendMsgTime, NameCard: m.nameCard, MuteUntil: m.muteUntil,
  };
  if (fields) fields = currentMemberFields(fields);
  // Member_Account whatever the filter names (`Account` or not): Tencent's member lists always say whose entry it is,
  // and the SDKs' member structs declare it without omitempty (dobyte memberItem, doocs MemberProfile).
  const wanted = fields ? Object.fromEntries(Object.entries(all).filter(([k]) => k === 'Member_Account' || fields.includes(k))) : all;
  const custom = customDataToRead(m.appMemberDefinedData, 'member', config, rank, customFilter);
  return { ...wanted, ...(custom.length > 0 && { AppMemberDefinedData: custom }) };
}

/** 10018 when an answer would be over 1 MB (spec §3.8 get_group_info, §5.7): the caller asks for less (fewer ids, a filter, a page). */
export function withinResponseLimit<T>(body: T, config: Pick<GroupsConfig, 'maxResponseBytes'>, hint: string): T {
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes > config.maxResponseBytes) {
    throw new ImError(GroupCode.ResponseTooLarge, `the answer would be ${bytes} bytes, over the ${config.maxResponseBytes}-byte limit; ${hint}`);
  }
  return body;
}
