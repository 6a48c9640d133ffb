import { TYPES } from './constants.js';

/** Tencent's `Group` (its d.ts fields). */
export interface Group {
  groupID: string;
  name: string;
  avatar: string;
  type: string;
  introduction: string;
  notification: string;
  ownerID: string;
  createTime: number;
  infoSequence: number;
  lastInfoTime: number;
  selfInfo: { role?: string; messageRemindType?: string; joinTime?: number; nameCard?: string };
  lastMessage: Record<string, unknown>;
  nextMessageSeq: number;
  memberCount: number;
  maxMemberCount: number;
  muteAllMembers: boolean;
  joinOption: string;
  groupCustomField: Array<{ key: string; value: unknown }>;
  isSupportTopic: boolean;
}

/** Tencent's `GroupMember`. */
export interface GroupMember {
  userID: string;
  avatar: string;
  nick: string;
  role: string;
  joinTime: number;
  nameCard: string;
  muteUntil: number;
  memberCustomField: Array<{ key: string; value: unknown }>;
}

/** The `get_group_info` fields a `Group` is made of (what `group.joined` is asked to include). */
export const GROUP_BASE_FIELDS = ['Type', 'Name', 'Introduction', 'Notification', 'FaceUrl', 'Owner_Account', 'CreateTime', 'InfoSeq', 'LastInfoTime',
  'NextMsgSeq', 'MemberNum', 'MaxMemberNum', 'ApplyJoinOption', 'MuteAllMember', 'SupportTopic'];

/** The Web SDK names Work and Meeting groups by their old REST names, Private and ChatRoom; the server says Work and Meeting. */
const WEB_TYPE: Record<string, string> = { Work: TYPES.GRP_WORK, Meeting: TYPES.GRP_MEETING };
export const toWebGroupType = (serverType: unknown) => WEB_TYPE[String(serverType)] ?? String(serverType ?? '');

const num = (v: unknown) => Number(v ?? 0) || 0;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** A `group.info` item (`get_group_info`) as Tencent's `Group`; `me` picks the caller's own member entry for `selfInfo`. */
export function toGroup(info: Record<string, unknown>, me: string): Group {
  const members = Array.isArray(info.MemberList) ? info.MemberList as Array<Record<string, unknown>> : [];
  const self = members.find((m) => m.Member_Account === me);
  const custom = Array.isArray(info.AppDefinedData) ? info.AppDefinedData as Array<{ Key: string; Value: unknown }> : [];
  return {
    groupID: str(info.GroupId), name: str(info.Name), avatar: str(info.FaceUrl), type: toWebGroupType(info.Type), introduction: str(info.Introduction),
    notification: str(info.Notification), ownerID: str(info.Owner_Account), createTime: num(info.CreateTime), infoSequence: num(info.InfoSeq),
    lastInfoTime: num(info.LastInfoTime), selfInfo: self ? { role: str(self.Role), messageRemindType: str(self.MsgFlag), joinTime: num(self.JoinTime), nameCard: str(self.NameCard) } : {},
    lastMessage: {}, nextMessageSeq: num(info.NextMsgSeq), memberCount: num(info.MemberNum), maxMemberCount: num(info.MaxMemberNum),
    muteAllMembers: info.MuteAllMember === 'On', joinOption: str(info.ApplyJoinOption), groupCustomField: custom.map((c) => ({ key: c.Key, value: c.Value })),
    isSupportTopic: info.SupportTopic === 1,
  };
}

/** A `group.members` item as Tencent's `GroupMember` (nick and avatar are profile fields: filled by the caller when known). */
export function toGroupMember(m: Record<string, unknown>): GroupMember {
  const custom = Array.isArray(m.AppMemberDefinedData) ? m.AppMemberDefinedData as Array<{ Key: string; Value: unknown }> : [];
  return {
    userID: str(m.Member_Account), avatar: '', nick: '', role: str(m.Role), joinTime: num(m.JoinTime), nameCard: str(m.NameCard),
    muteUntil: num(m.MuteUntil), memberCustomField: custom.map((c) => ({ key: c.Key, value: c.Value })),
  };
}
