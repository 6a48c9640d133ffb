import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { GetHistoryCode } from './get-history.js';

/**
 * Both fields are strings in Tencent's docs and in the server SDKs (Go `MsgTime string`, Java `String`).
 * Their values (a chat type, a real hour) are checked by getHistory, which names the value received.
 */
export const getHistoryInput = z.object({
  ChatType: z.string(coded(GetHistoryCode.InvalidParam, 'ChatType is required: "C2C" or "Group" (a string)')),
  MsgTime: z.string(coded(GetHistoryCode.InvalidParam, 'MsgTime is required: the hour as a string YYYYMMDDHH in Beijing time, e.g. "2015120121"')),
});
