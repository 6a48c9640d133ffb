import * as z from 'zod/mini';
import type { ServiceCatalog } from '../services.js';
import { coded } from '../shared/validation.js';
import { GroupCode } from './group-codes.js';

const PAGE = 100;

/** `group.system.list`: `Cursor` from the previous reply (absent or `""`: from the oldest kept), `Count` 1–100. */
export const systemNoticesInput = z.object({
  Cursor: z.optional(z.custom<string>((c) => typeof c === 'string' && (c === '' || /^N#\d{15}#[a-z0-9]{0,16}$/.test(c)), coded(GroupCode.InvalidParam, 'Cursor must be one a group.system.list reply gave'))),
  Count: z.optional(z.custom<number>((n) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= PAGE, coded(GroupCode.InvalidParam, `Count must be an integer from 1 to ${PAGE}`))),
});

/**
 * The caller's kept `group.system` notices (functions/groups/group-tips.ts emitGroupSystem), oldest first: each as the
 * event's data. One Query of the caller's notice partition; a page of `Count` and the `Cursor` to ask for the next
 * (the same `Cursor` back when there is nothing newer: keep it for the next login).
 */
export async function listSystemNotices(services: Pick<ServiceCatalog, 'groupMessages'>, userId: string, input: z.infer<typeof systemNoticesInput>) {
  const count = input.Count ?? PAGE;
  const page = await services.groupMessages.systemNotices(userId, input.Cursor ?? '', count);
  return { Notices: page.notices, Cursor: page.cursor, Complete: page.notices.length < count ? 1 : 0 };
}
