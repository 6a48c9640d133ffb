// The fast version of `npm run chaos -- authz` (chaos/authz): every WebSocket action tried by each caller its
// permission rule refuses, forged actor fields, bad logins, and every REST command without admin credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { runAuthz } from '../../chaos/authz/run-authz.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ rest: { callsPerSecond: {} } }); });
afterAll(async () => { await stack?.stop(); });

describe('authorization matrix (fast)', () => {
  it('refuses every caller a rule refuses, and every action declares its rule', async () => {
    const seed = Number(process.env.AUTHZ_SEED ?? Date.now() % 100_000);
    const figures = await runAuthz(stack, { seed, tries: 5 });
    console.log(`authz: ${figures.attempts} attempts, ${figures.conclusive} group-rule actions conclusive, ${figures.forgedAccepted} forged frames accepted, inconclusive: ${figures.inconclusive.join(', ') || 'none'}`);
    expect({ seed, unruled: figures.unruled, stale: figures.stale, wronglyAllowed: figures.wronglyAllowed, internalErrors: figures.internalErrors, findings: figures.findings.slice(0, 15) })
      .toEqual({ seed, unruled: [], stale: [], wronglyAllowed: 0, internalErrors: 0, findings: [] });
    expect(figures.attempts).toBeGreaterThan(500);
    // Forged frames that reached the domain code and still acted only for the caller.
    expect(figures.forgedAccepted).toBeGreaterThan(20);
    // A refusal proves something only where the same input worked for an allowed caller; topic and permission-group
    // actions are tried in a Community cast (chaos/authz/cast.ts freshCommunity), every other one in a Public group.
    expect(figures.inconclusive).toEqual([]);
  }, 180_000);
});
