import * as z from 'zod/mini';
import { userIdProblem } from '../shared/identifiers.js';
import { coded, utf8Bytes } from '../shared/validation.js';
import { RecentCode, SettingsLimit } from './conversation-settings-codes.js';
import { parseConversationId } from './conversation-ref.js';

/**
 * Requests of conversation pins, marks, custom data and conversation groups: REST `recentcontact/*` as Tencent's pages
 * and doocs' Java SDK (model/request/*Contact*) name the fields, and the `conversation.*` WebSocket actions.
 * Every refusal is 50002 (51006 for a MarkItem count) and names the field.
 */
const RC = RecentCode.InvalidParam;
const got = (v: unknown) => { const t = JSON.stringify(v) ?? String(v); return t.length > 64 ? `${t.slice(0, 61)}...` : t; };
const codedGot = (code: number, info: string) => ({ error: (iss: { input?: unknown }) => `${code}|${info}, got ${got(iss.input)}` });

const account = (what: string) => z.custom<string>((v) => typeof v === 'string' && userIdProblem(v) === undefined,
  { error: (iss) => `${RC}|${what}: ${typeof iss.input === 'string' ? userIdProblem(iss.input) : `must be a UserID string, got ${got(iss.input)}`}` });
const oneOf = <T extends number>(what: string, values: readonly T[]) =>
  z.custom<T>((v) => values.includes(v as T), codedGot(RC, `${what} must be ${values.join(' or ')}`));
const groupName = (what: string) => z.custom<string>((v) => typeof v === 'string' && v.length > 0 && utf8Bytes(v) <= SettingsLimit.groupNameBytes,
  codedGot(RC, `${what} must be a string of 1 to ${SettingsLimit.groupNameBytes} bytes`));
const customData = (what: string) => z.custom<string>((v) => typeof v === 'string' && utf8Bytes(v) <= SettingsLimit.customDataBytes,
  codedGot(RC, `${what} must be a string of at most ${SettingsLimit.customDataBytes} bytes`));
const list = <S extends z.ZodMiniType>(what: string, item: S, min: number, max: number, code: number = RC) =>
  z.array(item).check(
    z.minLength(min, coded(code, `${what} must have at least ${min} item${min === 1 ? '' : 's'}`)),
    z.maxLength(max, coded(code, `${what} has more than ${max} items`)));
const bits = (what: string) => list(what, z.custom<number>((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 63,
  codedGot(RC, `${what} items must be bit numbers from 0 to 63`)), 0, 64);

/** REST `ContactItem`: `Type` 1 names `To_Account`, 2 names `ToGroupId`; the other id is ignored (doocs' Java test sends both). */
export const contactItem = z.object({
  Type: oneOf('ContactItem.Type', [1, 2] as const),
  To_Account: z.optional(z.string()),
  ToGroupId: z.optional(z.string()),
}).check(z.refine((c) => (c.Type === 1 ? c.To_Account !== undefined && userIdProblem(c.To_Account) === undefined : (c.ToGroupId ?? '').length > 0),
  { error: (iss) => `${RC}|ContactItem of Type ${(iss.input as { Type?: unknown }).Type} needs ${(iss.input as { Type?: unknown }).Type === 2 ? 'a ToGroupId' : 'a valid To_Account'}, got ${got(iss.input)}` }));

/** `recentcontact/top` (Tencent's "Pin a conversation" page): `RecentContactItem` names the group `GroupId`. */
export const topInput = z.object({
  From_Account: account('From_Account'),
  OperationType: oneOf('OperationType', [1, 2] as const),
  RecentContactItem: list('RecentContactItem', z.object({
    Type: oneOf('RecentContactItem.Type', [1, 2] as const),
    To_Account: z.optional(z.string()),
    GroupId: z.optional(z.string()),
  }).check(z.refine((c) => (c.Type === 1 ? c.To_Account !== undefined && userIdProblem(c.To_Account) === undefined : (c.GroupId ?? '').length > 0),
    { error: (iss) => `${RC}|RecentContactItem needs To_Account (Type 1) or GroupId (Type 2), got ${got(iss.input)}` })), 1, SettingsLimit.conversationsPerCall),
});

export const markContactInput = z.object({
  From_Account: account('From_Account'),
  MarkItem: list('MarkItem', z.object({
    OptType: oneOf('OptType', [1, 2, 3] as const),
    ContactItem: contactItem,
    ClearMark: z.optional(bits('ClearMark')),
    SetMark: z.optional(bits('SetMark')),
    CustomMark: z.optional(customData('CustomMark')),
  }), 1, SettingsLimit.markItemsPerCall, RecentCode.MarkItemCount),
});

export const createContactGroupInput = z.object({
  From_Account: account('From_Account'),
  // Tencent: "only one conversation group can be added at a time".
  GroupContactItem: list('GroupContactItem', z.object({
    GroupName: groupName('GroupName'),
    ContactItem: z.optional(list('ContactItem', contactItem, 0, SettingsLimit.conversationsPerCall)),
  }), 1, 1),
});

export const updateContactGroupInput = z.object({
  From_Account: account('From_Account'),
  UpdateType: oneOf('UpdateType', [1] as const),
  UpdateGroup: z.object({
    UpdateGroupType: oneOf('UpdateGroupType', [1, 2] as const),
    OldGroupName: groupName('OldGroupName'),
    NewGroupName: z.optional(groupName('NewGroupName')),
    ContactUpdateItem: z.optional(list('ContactUpdateItem', z.object({
      ContactOptType: oneOf('ContactOptType', [1, 2] as const),
      ContactItem: contactItem,
    }), 0, SettingsLimit.conversationsPerCall)),
  }),
});

export const delContactGroupInput = z.object({
  From_Account: account('From_Account'),
  // Tencent: "only one conversation group can be deleted at a time".
  GroupName: list('GroupName', groupName('GroupName'), 1, 1),
});

export const searchContactGroupInput = z.object({
  From_Account: account('From_Account'),
  ContactItem: list('ContactItem', contactItem, 1, SettingsLimit.searchItemsPerCall),
});

export const getContactGroupInput = z.object({
  From_Account: account('From_Account'),
  StartIndex: z.optional(z.custom<number>((v) => Number.isInteger(v) && (v as number) >= 0, codedGot(RC, 'StartIndex must be a non-negative integer'))),
});

// ---- WebSocket (docs/websocket.md, "Conversation settings") ----
const conversationId = z.custom<string>((v) => typeof v === 'string' && parseConversationId(v) !== undefined,
  codedGot(RC, 'a conversation id must be C2C<UserID> or GROUP<GroupId>'));
const conversationIds = list('ConversationIDList', conversationId, 1, SettingsLimit.conversationsPerCall);
const flag = (what: string) => z.custom<0 | 1>((v) => v === 0 || v === 1, codedGot(RC, `${what} must be 0 or 1`));

export const wsPinInput = z.object({ ConversationID: conversationId, IsPinned: flag('IsPinned') });
/** `MarkType` as the Web SDK's `markConversation`: one power of two, 2^0 (star) … 2^31 standard, 2^32 … 2^63 custom. */
export const wsMarkInput = z.object({
  ConversationIDList: conversationIds,
  MarkType: z.custom<number>((v) => typeof v === 'number' && Number.isInteger(Math.log2(v)) && Math.log2(v) >= 0 && Math.log2(v) <= 63,
    codedGot(RC, 'MarkType must be one power of two from 1 (2^0) to 2^63')),
  EnableMark: flag('EnableMark'),
});
export const wsCustomDataInput = z.object({ ConversationIDList: conversationIds, CustomData: customData('CustomData') });
export const wsNoInput = z.object({});
/** `conversation.delete`, as the Web SDK's `deleteConversation({ conversationIDList, clearHistoryMessage })`. */
export const wsDeleteInput = z.object({ ConversationIDList: conversationIds, ClearHistory: z.optional(flag('ClearHistory')) });
/** `conversation.clearHistory`, as the Web SDK's `clearHistoryMessage(conversationID)`. */
export const wsClearHistoryInput = z.object({ ConversationID: conversationId });
export const wsCreateGroupInput = z.object({
  GroupName: groupName('GroupName'),
  ConversationIDList: z.optional(list('ConversationIDList', conversationId, 0, SettingsLimit.conversationsPerCall)),
});
export const wsRenameGroupInput = z.object({ OldGroupName: groupName('OldGroupName'), NewGroupName: groupName('NewGroupName') });
export const wsGroupNameInput = z.object({ GroupName: groupName('GroupName') });
export const wsMoveInput = z.object({ GroupName: groupName('GroupName'), ConversationIDList: conversationIds });
export const wsGroupUnreadInput = z.object({ GroupName: z.optional(groupName('GroupName')) });
