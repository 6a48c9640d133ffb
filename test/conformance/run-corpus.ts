import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { ENVELOPE, nullsIn, shapeMismatches, type CorpusCase, type CorpusContext } from './corpus.js';

/**
 * Runs corpus cases against one real local stack: each request as the SDK builds it, then
 * the reply checked against the types the SDK decodes it into, and no `null` anywhere.
 */
export function runCorpus(name: string, cases: readonly CorpusCase[]): void {
  describe(name, () => {
    let stack: LocalStack;
    beforeAll(async () => { stack = await startTestStack(); });
    afterAll(async () => { await stack?.stop(); });

    const contextFor = (): CorpusContext => {
      const call = (path: string, body: unknown) => rest(stack, path, body);
      return {
        get stack() { return stack; },
        vars: {},
        rest: call,
        async ok(path, body) {
          const reply = await call(path, body);
          if (reply.ErrorCode !== 0) throw new Error(`set-up ${path} answered ${reply.ErrorCode} ${reply.ErrorInfo}`);
          return reply;
        },
        async users(n, prefix = 'cf') {
          const ids = Array.from({ length: n }, () => uniqueId(prefix));
          await this.ok('im_open_login_svc/multiaccount_import', { Accounts: ids });
          return ids;
        },
      };
    };

    for (const c of cases) {
      it(`${c.command}${c.title ? ` (${c.title})` : ''}: ${c.source}`, async () => {
        const ctx = contextFor();
        await c.prepare?.(ctx);
        const reply = await ctx.rest(c.command, c.request(ctx));
        // The ErrorInfo in the failure message says why a case was refused.
        expect(reply.ErrorCode, `ErrorInfo: ${reply.ErrorInfo}`).toBe(c.expectCode ?? 0);
        expect(shapeMismatches(reply, { ...ENVELOPE, ...c.reply })).toEqual([]);
        expect(nullsIn(reply)).toEqual([]);
        await c.after?.(ctx, reply);
      });
    }
  });
}
