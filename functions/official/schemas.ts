import * as z from 'zod/mini';
import { legacyNames } from '../shared/leniency.js';
import { coded, maxBytes } from '../shared/validation.js';
import { MSG_FLAGS, OFFICIAL_LIMITS as L, OfficialCode as C } from './official-codes.js';
import { account, flag, officialIdField, stringList, text, uint } from './schema-fields.js';


const maxSubscribers = z.optional(uint('MaxSubscriberNum', 1, L.maxSubscriberNumCeiling));

const baseFields = {
  Name: text(L.nameBytes, 'Name'),
  Introduction: text(L.introductionBytes, 'Introduction'),
  FaceUrl: text(L.faceUrlBytes, 'FaceUrl'),
  Organization: text(L.organizationBytes, 'Organization'),
  CustomString: text(L.customStringBytes, 'CustomString'),
  MaxSubscriberNum: maxSubscribers,
};

/** create_official_account: `Owner_Account` and `Name` required; `OfficialAccountUserID` a custom id (seed 003's rules). */
export const createInput = z.object({
  Owner_Account: account('Owner_Account'),
  OfficialAccountUserID: z.optional(officialIdField),
  ...baseFields,
  Name: z.string().check(z.minLength(1, coded(C.InvalidParam, 'Name is empty')), maxBytes(L.nameBytes, C.InvalidParam, 'Name')),
});

export const accountOnlyInput = z.object({ Official_Account: officialIdField });

/** modify_official_account_base_info: doocs's model sends `OfficialAccount` (no underscore); other clients `Official_Account`. */
export const modifyInput = legacyNames(z.object({ Official_Account: officialIdField, ...baseFields }), { Official_Account: ['OfficialAccount'] });

const offlinePushInfo = z.optional(z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  coded(C.InvalidParam, 'OfflinePushInfo must be an object')));

export const sendInput = z.object({
  Official_Account: officialIdField,
  Random: z.optional(uint('Random')),
  MsgBody: z.unknown(),
  OfflinePushInfo: offlinePushInfo,
  ForbidCallbackControl: stringList('ForbidCallbackControl'),
  OnlineOnlyFlag: z.optional(flag('OnlineOnlyFlag')),
  SendMsgControl: stringList('SendMsgControl'),
  CloudCustomData: text(8192, 'CloudCustomData'),
});

const baseInfoFilter = z.optional(z.object({
  OfficialAccountBaseInfoFilter: stringList('ResponseFilter.OfficialAccountBaseInfoFilter'),
  SelfInfoFilter: stringList('ResponseFilter.SelfInfoFilter'),
}));

export const infoInput = z.object({
  OfficialAccountIdList: z.array(z.object({ Official_Account: officialIdField })).check(
    z.minLength(1, coded(C.InvalidParam, 'OfficialAccountIdList is empty')),
    z.maxLength(L.infoIds, coded(C.InvalidParam, `OfficialAccountIdList has more than ${L.infoIds} accounts`)),
  ),
  ResponseFilter: baseInfoFilter,
});

export const subscriberInfoInput = z.object({
  Official_Account: officialIdField,
  Limit: z.optional(uint('Limit', 1, L.subscriberPageMax)),
  Next: z.optional(z.string()),
});

export const recallInput = z.object({
  Official_Account: officialIdField,
  MsgKeyList: z.array(z.string()).check(
    z.minLength(1, coded(C.InvalidParam, 'MsgKeyList is empty')),
    z.maxLength(L.recallKeys, coded(C.InvalidParam, `MsgKeyList has more than ${L.recallKeys} keys`)),
  ),
  Reason: text(L.customStringBytes, 'Reason'),
});

export const historyInput = z.object({
  Official_Account: officialIdField,
  LastMsgKey: z.optional(z.string()),
  ReqMsgNumber: z.optional(uint('ReqMsgNumber', 1, L.historyMax)),
  WithRecalledMsg: z.optional(flag('WithRecalledMsg')),
});

/**
 * A subscriber entry: `{Subscriber_Account}`. doocs's AddSubscriberRequest reuses its OfficialAccountItem, which
 * serializes the user as `{Official_Account}`: read as the same thing.
 */
const subscriberItem = z.pipe(
  z.object({ Subscriber_Account: z.optional(account('SubscriberList.Subscriber_Account')), Official_Account: z.optional(account('SubscriberList.Subscriber_Account')) })
    .check(z.refine((i) => i.Subscriber_Account !== undefined || i.Official_Account !== undefined, coded(C.InvalidParam, 'a SubscriberList entry has no Subscriber_Account'))),
  z.transform((i) => (i.Subscriber_Account ?? i.Official_Account)!),
);
const subscriberBatch = z.array(subscriberItem).check(
  z.minLength(1, coded(C.InvalidParam, 'SubscriberList is empty')),
  z.maxLength(L.batchSubscribers, coded(C.InvalidParam, `SubscriberList has more than ${L.batchSubscribers} accounts`)),
);

export const addSubscriberInput = z.object({ Official_Account: officialIdField, SubscriberList: subscriberBatch });

/** delete_subscriber: doocs sends `SubscriberToDel_Account[]`; other clients `SubscriberList[]` of `{Subscriber_Account}`. */
export const deleteSubscriberInput = z.pipe(
  z.object({
    Official_Account: officialIdField,
    SubscriberToDel_Account: z.optional(z.array(account('SubscriberToDel_Account')).check(
      z.maxLength(L.batchSubscribers, coded(C.InvalidParam, `SubscriberToDel_Account has more than ${L.batchSubscribers} accounts`)),
    )),
    SubscriberList: z.optional(subscriberBatch),
  }).check(z.refine((i) => (i.SubscriberToDel_Account?.length ?? 0) + (i.SubscriberList?.length ?? 0) > 0, coded(C.InvalidParam, 'SubscriberToDel_Account is empty'))),
  z.transform((i) => ({ Official_Account: i.Official_Account, users: [...new Set([...(i.SubscriberToDel_Account ?? []), ...(i.SubscriberList ?? [])])] })),
);

export const modifySubscriberInput = z.object({
  Official_Account: officialIdField,
  Subscriber_Account: account('Subscriber_Account'),
  CustomString: z.string().check(maxBytes(L.customStringBytes, C.InvalidParam, 'CustomString')),
});

export const subscribedListInput = z.object({
  Subscriber_Account: account('Subscriber_Account'),
  Limit: z.optional(uint('Limit', 1, L.subscribedPageMax)),
  Offset: z.optional(uint('Offset')),
  ResponseFilter: baseInfoFilter,
});

// WebSocket actions (docs/websocket.md, "Official accounts").
export const wsSubscribeInput = z.object({ Official_Account: officialIdField, MsgFlag: z.optional(z.enum(MSG_FLAGS)) });
export const wsListInput = z.object({});
export const wsHistoryInput = z.object({ Official_Account: officialIdField, LastMsgKey: z.optional(z.string()), ReqMsgNumber: z.optional(uint('ReqMsgNumber', 1, L.historyMax)) });
export const wsReadInput = z.object({ Official_Account: officialIdField, MsgSeq: z.optional(uint('MsgSeq', 1)) });
export const wsSendInput = z.object({
  Official_Account: officialIdField, MsgBody: z.unknown(), Random: z.optional(uint('Random')),
  CloudCustomData: text(8192, 'CloudCustomData'), OnlineOnlyFlag: z.optional(flag('OnlineOnlyFlag')), OfflinePushInfo: offlinePushInfo,
});
