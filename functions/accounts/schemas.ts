import * as z from 'zod/mini';
import { userIdField } from '../shared/identifiers.js';
import { coded, maxBytes } from '../shared/validation.js';
import { legacyNames } from '../shared/leniency.js';
import { ACCOUNT_BATCH_MAX, AccountCode } from './account-codes.js';

const PROFILE_VALUE_MAX = 500;
const nick = z.optional(z.string().check(maxBytes(PROFILE_VALUE_MAX, AccountCode.ProfileValueTooLong, 'Nick')));
const faceUrl = z.optional(z.string().check(maxBytes(PROFILE_VALUE_MAX, AccountCode.ProfileValueTooLong, 'FaceUrl')));
/** Spec §5.2 "invalid batch count" (§9.5): an empty batch, or more than ACCOUNT_BATCH_MAX accounts. */
const INVALID_BATCH_COUNT = 70206;
const batch = <T extends z.ZodMiniType>(item: T, what: string) =>
  z.array(item).check(
    z.minLength(1, coded(INVALID_BATCH_COUNT, `${what} is empty`)),
    z.maxLength(ACCOUNT_BATCH_MAX, coded(INVALID_BATCH_COUNT, `${what} has more than ${ACCOUNT_BATCH_MAX} accounts`)),
  );

/** `Identifier` is the name of Tencent's older docs, still sent by server SDKs (e.g. dobyte/tencent-im). */
export const accountImportInput = legacyNames(z.object({
  UserID: userIdField(AccountCode.InvalidParam),
  Nick: nick,
  FaceUrl: faceUrl,
}), { UserID: ['Identifier'] });

/** Both the legacy `Accounts[]` (ids only) and the newer `AccountList[]` forms. */
export const multiAccountImportInput = z
  .object({
    Accounts: z.optional(batch(z.string(), 'Accounts')),
    AccountList: z.optional(batch(z.object({ UserID: z.string(), Nick: nick, FaceUrl: faceUrl }), 'AccountList')),
  })
  .check(
    z.refine((v) => (v.Accounts === undefined) !== (v.AccountList === undefined),
      coded(AccountCode.InvalidParam, 'give exactly one of Accounts or AccountList')),
  );

export const accountCheckInput = z.object({
  CheckItem: batch(z.object({ UserID: z.string() }), 'CheckItem'),
});

export const accountDeleteInput = z.object({
  DeleteItem: batch(z.object({ UserID: z.string() }), 'DeleteItem'),
});

export const kickInput = legacyNames(z.object({
  UserID: userIdField(AccountCode.InvalidParam),
}), { UserID: ['Identifier'] });
