import { optional } from './corpus.js';

/** Reply shapes the group corpus files share: the SDKs' member structs. */
export const GO = 'dobyte/tencent-im';
export const XJ = 'xjcloudy/tencent-im-restapi-go';
export const JAVA = 'doocs/qcloud-im-server-sdk-java';
export const PHP = "Tencent's legacy PHP sample TimRestApi.php";

export const KV = [{ Key: 'string', Value: 'any' }] as const;

/** dobyte group/types.go memberItem (ShutUpUntil is the legacy name of MuteUntil; Tencent sends MuteUntil, so it stays absent). */
export const GO_MEMBER = {
  Member_Account: 'string', Role: 'string?', JoinTime: 'integer?', MsgSeq: 'integer?', MsgFlag: 'string?', LastSendMsgTime: 'integer?',
  NameCard: 'string?', ShutUpUntil: 'integer?', AppMemberDefinedData: optional(KV),
} as const;

/** doocs model/group/MemberProfile (JoinTime Integer, MsgSeq Long, MuteUntil Long). */
export const JAVA_MEMBER = {
  Member_Account: 'string', Role: 'string?', JoinTime: 'integer?', MsgSeq: 'integer?', MsgFlag: 'string?', LastSendMsgTime: 'integer?',
  MuteUntil: 'integer?', NameCard: 'string?', OnlineStatus: 'string?', AppMemberDefinedData: optional(KV),
} as const;
