import * as z from 'zod/mini';
import { coded } from '../shared/validation.js';
import { AppInfoCode } from './app-info.js';

export const appInfoInput = z.object({
  RequestField: z.optional(z.array(z.string(coded(AppInfoCode.InvalidRequest, 'RequestField holds field names (strings)')),
    coded(AppInfoCode.InvalidRequest, 'RequestField must be an array of field names'))),
});

/** `ConfigSvc/GetIPList` takes `{}`; anything else in the body is ignored, as for every command. */
export const ipListInput = z.object({});
