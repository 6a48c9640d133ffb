import { ok, type ChatContext } from './context.js';
import { call, ChatError, CODE } from './errors.js';

/** The blocklist's userIDs, in the server's order (`blocklist.list` pages). */
export async function readBlacklist(ctx: ChatContext): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; ;) {
    const page = await call(() => ctx.im().blocklist({ StartIndex: start })) as { BlackListItem?: Array<{ To_Account: string }>; StartIndex?: number };
    ids.push(...(page.BlackListItem ?? []).map((b) => b.To_Account));
    if (!page.StartIndex) return ids;
    start = page.StartIndex;
  }
}

export async function getBlacklist(ctx: ChatContext) {
  return ok(await readBlacklist(ctx));
}

/** Resolves with the userIDs the call added (or removed); the others failed (e.g. 30001, not in the blocklist). */
async function change(ctx: ChatContext, api: string, options: { userIDList: string[] }, add: boolean) {
  const userIDList = options?.userIDList;
  if (!Array.isArray(userIDList)) throw new ChatError(CODE.INVALID_PARAMETERS, `${api} needs \`userIDList\`, an array`);
  const input = { To_Account: userIDList };
  const reply = await call(() => (add ? ctx.im().block(input) : ctx.im().unblock(input))) as { ResultItem?: Array<{ To_Account: string; ResultCode: number }> };
  await ctx.relations.changed('blacklist');
  return ok((reply.ResultItem ?? []).filter((r) => r.ResultCode === 0).map((r) => r.To_Account));
}

export const addToBlacklist = (ctx: ChatContext, options: { userIDList: string[] }) => change(ctx, 'addToBlacklist', options, true);
export const removeFromBlacklist = (ctx: ChatContext, options: { userIDList: string[] }) => change(ctx, 'removeFromBlacklist', options, false);
