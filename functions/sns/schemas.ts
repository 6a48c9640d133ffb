import * as z from 'zod/mini';
import { userIdField } from '../shared/identifiers.js';
import { coded, maxBytes } from '../shared/validation.js';
import {
  ACCOUNT_BATCH_MAX, ADD_BATCH_MAX, ADD_SOURCE, ADD_WORDING_MAX_BYTES, FRIEND_LIST_MAX, GET_LIST_MAX, REMARK_MAX_BYTES, SnsCode,
} from './sns-codes.js';
import { ADD_TYPES } from './sns-store.js';
import { CHECK_TYPES, DELETE_TYPES } from './friends.js';
import { BLACK_CHECK_TYPES } from './blocklist.js';
import { RESPONSE_ACTIONS } from './add-friends.js';
import { listNameProblem } from './friend-list-names.js';

const bad = (info: string) => coded(SnsCode.InvalidParam, info);
const list = <T extends z.ZodMiniType>(item: T, what: string, max: number, min = 1) =>
  z.array(item).check(
    z.minLength(min, bad(`${what} is empty`)),
    z.maxLength(max, bad(`${what} has more than ${max} items`)),
  );
export const fromAccount = userIdField(SnsCode.InvalidParam, 'From_Account');
export const accounts = (max: number) => list(z.string(), 'To_Account', max);

export const remark = z.string().check(maxBytes(REMARK_MAX_BYTES, SnsCode.InvalidParam, 'Remark'));
export const addWording = z.string().check(maxBytes(ADD_WORDING_MAX_BYTES, SnsCode.InvalidParam, 'AddWording'));
export const addSource = z.string().check(z.refine((s) => ADD_SOURCE.test(s), bad('AddSource must be AddSource_Type_ followed by 1-8 letters')));
export const addType = z.enum(ADD_TYPES, bad(`AddType must be one of ${ADD_TYPES.join(', ')}`));
const tagValue = z.object({ Tag: z.string(), Value: z.unknown() });

const listName = z.string().check(z.refine((n) => listNameProblem(n) === undefined, { error: (iss) => `${SnsCode.InvalidParam}|${listNameProblem(String(iss.input))}` }));

export const addFriendItem = z.object({
  To_Account: z.string(),
  Remark: z.optional(remark),
  GroupName: z.optional(listName),
  AddSource: addSource,
  AddWording: z.optional(addWording),
});

export const friendAddInput = z.object({
  From_Account: fromAccount,
  AddFriendItem: list(addFriendItem, 'AddFriendItem', ADD_BATCH_MAX),
  AddType: z.optional(addType),
  ForceAddFlags: z.optional(z.union([z.literal(0), z.literal(1)])),
});

export const friendImportInput = z.object({
  From_Account: fromAccount,
  AddFriendItem: list(z.object({
    To_Account: z.string(),
    Remark: z.optional(remark),
    RemarkTime: z.optional(z.int().check(z.nonnegative())),
    GroupName: z.optional(z.array(z.string()).check(z.maxLength(FRIEND_LIST_MAX, bad(`GroupName has more than ${FRIEND_LIST_MAX} lists`)))),
    AddSource: addSource,
    AddWording: z.optional(addWording),
    AddTime: z.optional(z.int().check(z.nonnegative())),
    CustomItem: z.optional(z.array(tagValue)),
  }), 'AddFriendItem', ADD_BATCH_MAX),
});

export const friendUpdateInput = z.object({
  From_Account: fromAccount,
  UpdateItem: list(z.object({ To_Account: z.string(), SnsItem: list(tagValue, 'SnsItem', 50) }), 'UpdateItem', ADD_BATCH_MAX),
});

const deleteType = z.optional(z.enum(DELETE_TYPES, bad(`DeleteType must be one of ${DELETE_TYPES.join(', ')}`)));
export const friendDeleteInput = z.object({ From_Account: fromAccount, To_Account: accounts(ACCOUNT_BATCH_MAX), DeleteType: deleteType });
export const friendDeleteAllInput = z.object({ From_Account: fromAccount, DeleteType: deleteType });
export const friendCheckInput = z.object({
  From_Account: fromAccount, To_Account: accounts(ACCOUNT_BATCH_MAX),
  CheckType: z.enum(CHECK_TYPES, bad(`CheckType must be one of ${CHECK_TYPES.join(', ')}`)),
});
const startIndex = z.int().check(z.nonnegative(bad('StartIndex must be at least 0')));
export const friendGetInput = z.object({
  From_Account: fromAccount, StartIndex: startIndex,
  StandardSequence: z.optional(z.int()), CustomSequence: z.optional(z.int()),
});
export const friendGetListInput = z.object({
  From_Account: fromAccount, To_Account: accounts(GET_LIST_MAX), TagList: list(z.string(), 'TagList', 100),
});

export const blockInput = z.object({ From_Account: fromAccount, To_Account: accounts(ACCOUNT_BATCH_MAX) });
export const blockGetInput = z.object({
  From_Account: fromAccount, StartIndex: startIndex,
  // Required, but Tencent takes 0 (dobyte/tencent-im's own test suite sends it and passes against Tencent): a default page.
  MaxLimited: z.int().check(z.gte(0, bad('MaxLimited must be at least 0')), z.lte(1000, bad('MaxLimited must be at most 1000'))),
  LastSequence: z.optional(z.int()),
});
/** The page `black_list_get` answers for `MaxLimited: 0`. */
export const DEFAULT_BLOCKLIST_PAGE = 100;
export const blockCheckInput = z.object({
  From_Account: fromAccount, To_Account: accounts(ACCOUNT_BATCH_MAX),
  CheckType: z.enum(BLACK_CHECK_TYPES, bad(`CheckType must be one of ${BLACK_CHECK_TYPES.join(', ')}`)),
});

const listNames = list(z.string(), 'GroupName', FRIEND_LIST_MAX);
export const groupAddInput = z.object({ From_Account: fromAccount, GroupName: listNames, To_Account: z.optional(list(z.string(), 'To_Account', ACCOUNT_BATCH_MAX, 0)) });
export const groupDeleteInput = z.object({ From_Account: fromAccount, GroupName: listNames });
export const groupGetInput = z.object({
  From_Account: fromAccount,
  // SDKs also send other values (e.g. a "No"); only `Need_Friend_Type_Yes` means yes (sns/routes.ts).
  NeedFriend: z.optional(z.string(bad('NeedFriend must be a string'))),
  GroupName: z.optional(list(z.string(), 'GroupName', FRIEND_LIST_MAX, 0)),
});

/** WebSocket frames: the caller is always the connection's user. */
export const WS_BATCH_MAX = 100;
export const wsFriendAddInput = z.object({
  To_Account: z.string(), AddSource: addSource, Remark: z.optional(remark), GroupName: z.optional(listName),
  AddWording: z.optional(addWording), AddType: z.optional(addType),
});
export const wsRespondInput = z.object({
  To_Account: userIdField(SnsCode.InvalidParam, 'To_Account'),
  ResponseAction: z.enum(RESPONSE_ACTIONS, bad(`ResponseAction must be one of ${RESPONSE_ACTIONS.join(', ')}`)),
  Remark: z.optional(remark), TagName: z.optional(listName),
});
export const wsAccountsInput = z.object({ To_Account: accounts(WS_BATCH_MAX) });
export const wsFriendDeleteInput = z.object({ To_Account: accounts(WS_BATCH_MAX), DeleteType: deleteType });
export const wsFriendListInput = z.object({ StartIndex: z.optional(startIndex) });
export const wsBlocklistListInput = z.object({
  StartIndex: z.optional(startIndex),
  MaxLimited: z.optional(z.int().check(z.gte(1, bad('MaxLimited must be at least 1')), z.lte(100, bad('MaxLimited must be at most 100')))),
});
export const wsEmptyInput = z.object({});
