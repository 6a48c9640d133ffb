import * as z from 'zod/mini';
import { account, officialIdField, text, uint } from './schema-fields.js';

/** official.message: a subscriber to the account, or the owner (`To_Account`) to one subscriber. */
export const wsPrivateInput = z.object({
  Official_Account: officialIdField, To_Account: z.optional(account('To_Account')), MsgBody: z.unknown(), Random: z.optional(uint('Random')),
  CloudCustomData: text(8192, 'CloudCustomData'),
});
