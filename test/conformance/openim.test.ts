import { expect } from 'vitest';
import { runCorpus } from './run-corpus.js';
import { optional, type CorpusCase, type CorpusContext } from './corpus.js';
import { uniqueId } from '../support/stack.js';

/**
 * openim one-to-one messages and recentcontact, as dobyte/tencent-im (Go: private/types.go, private/api.go,
 * recentcontact/types.go, mute/types.go, internal/types/types.go for MsgBody) and doocs/qcloud-im-server-sdk-java
 * (model/response) send and read them.
 */
const GO = 'dobyte/tencent-im';
const JAVA = 'doocs/qcloud-im-server-sdk-java model/response';
const text = (t: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });
const now = () => Math.floor(Date.now() / 1000);

/** Go's MsgBody element structs (internal/types/types.go) serialize every field, zero values included. */
const goElements = [
  text('hello'),
  { MsgType: 'TIMFaceElem', MsgContent: { Index: 0, Data: '' } },
  { MsgType: 'TIMLocationElem', MsgContent: { Desc: '', Latitude: 0, Longitude: 0 } },
  { MsgType: 'TIMCustomElem', MsgContent: { Desc: '', Data: 'd', Ext: '', Sound: '' } },
  { MsgType: 'TIMSoundElem', MsgContent: { UUID: 'u', Url: 'https://x/s', Size: 0, Second: 0, Download_Flag: 2 } },
  { MsgType: 'TIMImageElem', MsgContent: { UUID: 'i', ImageFormat: 255, ImageInfoArray: [{ Type: 1, Size: 0, Width: 0, Height: 0, URL: 'https://x/i' }] } },
  { MsgType: 'TIMFileElem', MsgContent: { Url: 'https://x/f', UUID: 'f', FileSize: 0, FileName: '', Download_Flag: 2 } },
  {
    MsgType: 'TIMVideoFileElem',
    MsgContent: {
      VideoUUID: 'v', VideoUrl: 'https://x/v', VideoSize: 0, VideoSecond: 0, VideoFormat: '', VideoDownloadFlag: 2,
      ThumbUrl: '', ThumbUUID: '', ThumbSize: 0, ThumbWidth: 0, ThumbHeight: 0, ThumbFormat: '', ThumbDownloadFlag: 2,
    },
  },
];

async function pair(ctx: CorpusContext) {
  [ctx.vars.a, ctx.vars.b] = await ctx.users(2, 'oi');
}
async function sent(ctx: CorpusContext) {
  await pair(ctx);
  const r = await ctx.ok('openim/sendmsg', { From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgRandom: 7, MsgBody: [text('one')], SyncOtherMachine: 1 });
  ctx.vars.msgKey = r.MsgKey;
}
const roam = (ctx: CorpusContext) => ctx.ok('openim/admin_getroammsg', {
  Operator_Account: ctx.vars.a, Peer_Account: ctx.vars.b, MaxCnt: 100, MinTime: 0, MaxTime: now() + 60,
});
const MSG_ITEM = {
  From_Account: 'string', To_Account: 'string', MsgSeq: 'integer', MsgRandom: 'integer', MsgTimeStamp: 'integer', MsgFlagBits: 'integer',
  MsgKey: 'string', MsgBody: [{ MsgType: 'string', MsgContent: 'any' }], CloudCustomData: 'string?', IsPeerRead: 'integer?',
} as const;

const cases: CorpusCase[] = [
  {
    command: 'openim/sendmsg',
    title: 'every Go element type with zero values',
    source: `${GO} private/types.go sendMessageReq (To_Account, MsgRandom, MsgBody always sent; the rest omitempty) / sendMessageResp (MsgTime int, MsgKey)`,
    prepare: pair,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgRandom: 0, MsgBody: goElements }),
    reply: { MsgTime: 'integer', MsgKey: 'string' },
    async after(ctx) {
      const r = await roam(ctx);
      expect((r.MsgList as { MsgBody: unknown[] }[])[0]!.MsgBody).toHaveLength(goElements.length);
    },
  },
  {
    command: 'openim/sendmsg',
    title: 'admin sender, offline push info',
    source: `${GO} private/types.go sendMessageReq with OfflinePushInfo (internal/types/types.go, all omitempty), SyncOtherMachine 2; ${JAVA}/SendMsgResult (MsgTime Integer, MsgKey, MsgId)`,
    prepare: pair,
    request: (ctx) => ({
      To_Account: ctx.vars.b, MsgRandom: 12345, MsgBody: [text('push')], SyncOtherMachine: 2, MsgLifeTime: 604800,
      CloudCustomData: 'ccd', SendMsgControl: ['NoUnread'], ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'],
      OfflinePushInfo: { Title: 't', Desc: 'd', Ext: '{}', AndroidInfo: { Sound: 'a.mp3' }, ApnsInfo: { BadgeMode: 1 } },
    }),
    reply: { MsgTime: 'integer', MsgKey: 'string', MsgId: 'string?' },
  },
  {
    command: 'openim/batchsendmsg',
    source: `${GO} private/types.go sendMessagesReq / sendMessagesResp (MsgKey, ErrorList of {To_Account, ErrorCode int})`,
    prepare: pair,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: [ctx.vars.b, uniqueId('none')], MsgRandom: 9, MsgBody: [text('all')] }),
    reply: { MsgKey: 'string', MsgId: 'string?', ErrorList: optional([{ To_Account: 'string', ErrorCode: 'integer' }]) },
  },
  {
    command: 'openim/importmsg',
    // Go fills SyncFromOldSystem from the message's SyncOtherMachine (private/api.go ImportMessage): 2 (SyncOtherMachineNo)
    // reads as Tencent's history import; its 1 is the real-time import of Tencent's older page (test/e2e/c2c-msgkey-callbacks.test.ts).
    source: `${GO} private/types.go importMessageReq (MsgRandom, MsgBody always sent; SyncFromOldSystem, MsgTimeStamp omitempty)`,
    prepare: pair,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgRandom: 3, MsgTimeStamp: now() - 100, MsgBody: [text('old')], SyncFromOldSystem: 2 }),
    reply: {},
    async after(ctx) {
      const r = await roam(ctx);
      expect(r.MsgCnt).toBe(1);
    },
  },
  {
    command: 'openim/admin_getroammsg',
    title: 'legacy From_Account/To_Account',
    source: `${GO} private/types.go FetchMessagesArg (From_Account, To_Account, MaxCnt, MinTime, MaxTime always sent) / fetchMessagesResp, MessageItem (MsgSeq, MsgRandom int; MsgTimeStamp int64)`,
    prepare: sent,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MaxCnt: 100, MinTime: 0, MaxTime: now() + 60 }),
    reply: { Complete: 'integer', LastMsgTime: 'integer', LastMsgKey: 'string', MsgCnt: 'integer', MsgList: [MSG_ITEM] },
  },
  {
    command: 'openim/admin_getroammsg',
    source: `${JAVA}/AdminRoamMsgResult, MsgListItem (MsgSeq/MsgRandom Long, MsgTimeStamp/IsPeerRead/MsgFlagBits Integer)`,
    prepare: sent,
    request: (ctx) => ({ Operator_Account: ctx.vars.a, Peer_Account: ctx.vars.b, MaxCnt: 10, MinTime: 0, MaxTime: now() + 60 }),
    reply: { Complete: 'integer', LastMsgTime: 'integer', LastMsgKey: 'string', MsgCnt: 'integer', MsgList: [MSG_ITEM] },
  },
  {
    command: 'openim/admin_msgwithdraw',
    source: `${GO} private/types.go revokeMessageReq (From_Account, To_Account, MsgKey)`,
    prepare: sent,
    request: (ctx) => ({ From_Account: ctx.vars.a, To_Account: ctx.vars.b, MsgKey: ctx.vars.msgKey }),
    reply: {},
    async after(ctx) {
      const r = await roam(ctx);
      expect((r.MsgList as { MsgFlagBits: number }[])[0]!.MsgFlagBits).toBe(8);
    },
  },
  {
    command: 'openim/admin_set_msg_read',
    source: `${GO} private/types.go setMessageReadReq (Report_Account, Peer_Account; no MsgReadTime)`,
    prepare: sent,
    request: (ctx) => ({ Report_Account: ctx.vars.b, Peer_Account: ctx.vars.a }),
    reply: {},
    async after(ctx) {
      const r = await ctx.ok('openim/get_c2c_unread_msg_num', { To_Account: ctx.vars.b });
      expect(r.AllC2CUnreadMsgNum).toBe(0);
    },
  },
  {
    command: 'openim/get_c2c_unread_msg_num',
    source: `${GO} private/types.go getUnreadMessageNumReq (Peer_Account omitempty) / getUnreadMessageNumResp (AllC2CUnreadMsgNum int, C2CUnreadMsgNumList, ErrorList)`,
    prepare: sent,
    request: (ctx) => ({ To_Account: ctx.vars.b }),
    reply: {
      AllC2CUnreadMsgNum: 'integer',
      C2CUnreadMsgNumList: optional([{ Peer_Account: 'string', C2CUnreadMsgNum: 'integer' }]),
      ErrorList: optional([{ Peer_Account: 'string', ErrorCode: 'integer' }]),
    },
    after(_ctx, r) { expect(r.AllC2CUnreadMsgNum).toBe(1); },
  },
  {
    command: 'openim/get_c2c_unread_msg_num',
    title: 'per peer',
    source: `${JAVA}/C2cUnreadMsgNumResult (Integer counts, C2cUnreadMsgNumListItem, C2cUnreadMsgErrorListItem)`,
    prepare: sent,
    request: (ctx) => ({ To_Account: ctx.vars.b, Peer_Account: [ctx.vars.a, uniqueId('none')] }),
    reply: {
      AllC2CUnreadMsgNum: 'integer',
      C2CUnreadMsgNumList: [{ Peer_Account: 'string', C2CUnreadMsgNum: 'integer' }],
      ErrorList: optional([{ Peer_Account: 'string', ErrorCode: 'integer' }]),
    },
  },
  {
    command: 'recentcontact/get_list',
    source: `${GO} recentcontact/types.go fetchSessionsReq (TimeStamp, StartIndex, TopTimeStamp, TopStartIndex, AssistFlags all sent as 0) / fetchSessionsResp, SessionItem (Type, MsgTime, TopFlag int)`,
    prepare: sent,
    request: (ctx) => ({ From_Account: ctx.vars.a, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 0 }),
    reply: {
      CompleteFlag: 'integer', TimeStamp: 'integer', StartIndex: 'integer', TopTimeStamp: 'integer', TopStartIndex: 'integer', ErrorDisplay: 'string?',
      SessionItem: [{ Type: 'integer', To_Account: 'string?', GroupId: 'string?', MsgTime: 'integer', TopFlag: 'integer' }],
    },
    after(_ctx, r) { expect((r.SessionItem as unknown[]).length).toBe(1); },
  },
  {
    command: 'recentcontact/get_list',
    title: 'AssistFlags 7',
    source: `${JAVA}/GetRecentContactListResult, RecentContactSessionItem; ${GO} recentcontact/api.go FetchSessions (all three flags)`,
    prepare: sent,
    request: (ctx) => ({ From_Account: ctx.vars.a, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7 }),
    reply: {
      CompleteFlag: 'integer', TimeStamp: 'integer', StartIndex: 'integer', TopTimeStamp: 'integer', TopStartIndex: 'integer',
      SessionItem: [{ Type: 'integer', To_Account: 'string?', GroupId: 'string?', MsgTime: 'integer', TopFlag: 'integer' }],
    },
  },
  {
    command: 'recentcontact/delete',
    title: 'Go lowercase "type"',
    source: `${GO} recentcontact/types.go deleteSessionReq (json "type", To_Account always sent, ClearRamble omitempty)`,
    prepare: sent,
    request: (ctx) => ({ From_Account: ctx.vars.a, type: 1, To_Account: ctx.vars.b }),
    reply: {},
    async after(ctx) {
      const r = await ctx.ok('recentcontact/get_list', { From_Account: ctx.vars.a, TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 0 });
      expect(r.SessionItem ?? []).toEqual([]);
    },
  },
  {
    command: 'recentcontact/delete',
    source: 'doocs/qcloud-im-server-sdk-java model/request/DeleteRecentContactRequest (Type, To_Account, ClearRamble)',
    prepare: sent,
    request: (ctx) => ({ From_Account: ctx.vars.a, Type: 1, To_Account: ctx.vars.b, ClearRamble: 1 }),
    reply: {},
  },
  {
    command: 'openconfigsvr/setnospeaking',
    source: `${GO} mute/types.go setNoSpeakingReq (*uint, omitempty: a 0 to cancel is sent)`,
    async prepare(ctx) { [ctx.vars.a] = await ctx.users(1, 'oi'); },
    request: (ctx) => ({ Set_Account: ctx.vars.a, C2CmsgNospeakingTime: 4294967295, GroupmsgNospeakingTime: 0 }),
    reply: {},
    async after(ctx) {
      const r = await ctx.ok('openconfigsvr/getnospeaking', { Get_Account: ctx.vars.a });
      expect(r.C2CmsgNospeakingTime).toBe(4294967295);
    },
  },
  {
    command: 'openconfigsvr/getnospeaking',
    source: `${GO} mute/types.go getNoSpeakingResp (uint); ${JAVA}/GetNoSpeakingResult (Long)`,
    async prepare(ctx) { [ctx.vars.a] = await ctx.users(1, 'oi'); },
    request: (ctx) => ({ Get_Account: ctx.vars.a }),
    reply: { C2CmsgNospeakingTime: 'integer', GroupmsgNospeakingTime: 'integer' },
  },
  {
    command: 'openim/delete_c2c_msg_ramble',
    title: 'the builder: Operator_Account, Peer_Account, MsgKeyList (Tencent\'s sample, cloud.tencent.com/document/product/269/101439)',
    source: 'doocs/qcloud-im-server-sdk-java model/request/DeleteC2cMsgRambleRequest.java (docs/guide/message.md) / model/response/DeleteC2cMsgRambleResult.java',
    prepare: sent,
    request: (ctx) => ({ Operator_Account: ctx.vars.a, Peer_Account: ctx.vars.b, MsgKeyList: [ctx.vars.msgKey] }),
    reply: {},
    async after(ctx) {
      expect((await roam(ctx)).MsgList).toEqual([]);
      const peers = await ctx.ok('openim/admin_getroammsg', { Operator_Account: ctx.vars.b, Peer_Account: ctx.vars.a, MaxCnt: 100, MinTime: 0, MaxTime: now() + 60 });
      expect(peers.MsgList).toHaveLength(1);
    },
  },
];

runCorpus('openim', cases);
