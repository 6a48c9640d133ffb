import * as z from 'zod/mini';
import { legacyNames } from '../shared/leniency.js';
import { account, codedGot, flag, int } from './schema-fields.js';

/** Conversation lists and deletion (`conversation.list`, `recentcontact/get_list`, `recentcontact/delete`: functions/conversations). */
export const conversationListInput = z.object({
  Cursor: z.optional(z.string().check(z.maxLength(16))),
  Count: z.optional(int(60003, 'Count', 1, 100)),
});

const RC = 50002;
export const recentGetListInput = z.object({
  From_Account: account(RC, 'From_Account'),
  TimeStamp: z.optional(int(RC, 'TimeStamp')),
  StartIndex: z.optional(int(RC, 'StartIndex')),
  TopTimeStamp: z.optional(int(RC, 'TopTimeStamp')),
  TopStartIndex: z.optional(int(RC, 'TopStartIndex')),
  AssistFlags: z.optional(int(RC, 'AssistFlags', 0, 15)),
});

/**
 * `ToGroupid` is Tencent's spelling (sic, also doocs' DeleteRecentContactRequest); `ToGroupId` is accepted for it.
 * dobyte/tencent-im (recentcontact/types.go deleteSessionReq) sends `type` in lower case, and a C2C delete's `To_Account`
 * always, so a `""` `ToGroupid` (or `To_Account`) reads as not given.
 */
export const recentDeleteInput = legacyNames(z.object({
  From_Account: account(RC, 'From_Account'),
  Type: z.custom<1 | 2>((v) => v === 1 || v === 2, codedGot(RC, 'Type must be 1 (C2C) or 2 (group)')),
  To_Account: z.optional(account(RC, 'To_Account')),
  ToGroupid: z.optional(z.string().check(z.minLength(1))),
  ClearRamble: z.optional(flag(RC, 'ClearRamble')),
}), { Type: ['type'], ToGroupid: ['ToGroupId'] });
