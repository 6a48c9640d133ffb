// The fast version of `npm run chaos -- authz` (chaos/authz): every WebSocket action tried by each caller its
// permission rule refuses, forged actor fields, bad logins, and every REST command without admin credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { runAuthz } from '../../chaos/authz/run-authz.js';

/** Permission groups exist only in Communities: test/e2e/community-permissions.test.ts tries each with and without its bit. */
const PERMISSION_GROUP_ACTIONS = ['create', 'modify', 'destroy', 'get', 'topic.add', 'topic.set', 'topic.delete', 'topic.get', 'member.add', 'member.delete', 'member.list']
  .map((a) => `permission.${a}`);

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ rest: { callsPerSecond: {} } }); });
afterAll(async () => { await stack?.stop(); });

describe('authorization matrix (fast)', () => {
  it('refuses every caller a rule refuses, and every action declares its rule', async () => {
    const seed = Number(process.env.AUTHZ_SEED ?? Date.now() % 100_000);
    const figures = await runAuthz(stack, { seed, tries: 5 });
    console.log(`authz: ${figures.attempts} attempts, ${figures.conclusive} group-rule actions conclusive, ${figures.forgedAccepted} forged frames accepted, inconclusive: ${figures.inconclusive.join(', ') || 'none'}`);
    expect({ seed, unruled: figures.unruled, stale: figures.stale, wronglyAllowed: figures.wronglyAllowed, findings: figures.findings.slice(0, 15) })
      .toEqual({ seed, unruled: [], stale: [], wronglyAllowed: 0, findings: [] });
    expect(figures.attempts).toBeGreaterThan(500);
    // Forged frames that reached the domain code and still acted only for the caller.
    expect(figures.forgedAccepted).toBeGreaterThan(20);
    // A refusal proves something only where the same input worked for an allowed caller. The matrix's group is a
    // Public one, where topic actions work for nobody (11000): their refusals are tried, their controls cannot pass;
    // test/e2e/community-topics.test.ts covers them in a Community (a Community cast for the matrix is still to come).
    const COMMUNITY_ONLY = ['topic.list', 'topic.create', 'topic.modify', 'topic.destroy', 'permission.list', ...PERMISSION_GROUP_ACTIONS];
    expect(figures.inconclusive.filter((a) => !COMMUNITY_ONLY.includes(a))).toEqual([]);
  }, 180_000);
});
