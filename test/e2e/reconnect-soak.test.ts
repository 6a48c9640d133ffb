// The fast version of `npm run chaos -- reconnect-soak` (chaos/soak): client-SDK receivers under C2C and group load,
// their connections closed at random moments (gateway and client side, mid-resync, re-logins); every stored message
// reaches every receiver exactly once in order and the unread counts agree with history. Plus the defects it found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, MemorySyncStorage, textElem, type ImMessage } from '../../client/src/index.js';
import { runReconnectSoak } from '../../chaos/soak/run-soak.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { rest } from '../support/rest-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('reconnect soak (fast)', () => {
  it('delivers every stored message exactly once in order to every receiver, with unread counts that agree with history', async () => {
    const seed = Number(process.env.SOAK_SEED ?? Date.now() % 100_000);
    const f = await runReconnectSoak(stack, {
      receivers: 4, senders: 2, groups: 1, disconnects: 30, disconnectEveryMs: 80, sendPauseMs: 40, seed, maxSeconds: 25,
    });
    const goals = { lost: f.lost, missing: f.missing, duplicated: f.duplicated, outOfOrder: f.outOfOrder, phantom: f.phantom,
      unreadDisagreements: f.unreadDisagreements, finalUnreadDisagreements: f.finalUnreadDisagreements };
    expect({ seed, ...goals, findings: f.findings.slice(0, 10) }).toEqual({ seed, ...Object.fromEntries(Object.keys(goals).map((k) => [k, 0])), findings: [] });
    // The run did what it claims: the disconnects happened, the receivers came back and resynced, messages flowed.
    expect(f.disconnects).toBe(30);
    expect(f.reconnects + f.byKind.relogin).toBeGreaterThanOrEqual(25);
    expect(f.resyncs).toBeGreaterThan(10);
    expect(f.unreadChecks).toBeGreaterThan(20);
    expect(f.acknowledged).toBe(f.sends);
    expect(f.expected).toBeGreaterThan(50);
    expect(f.delivered).toBe(f.expected);
  }, 90_000);
});

describe('found by the soak', () => {
  it('a client closed while a message waits for delivery delivers nothing more, and the next client on its storage delivers it', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: [a, b] });
    const storage = new MemorySyncStorage();
    const newBob = () => new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, storage, reconnectBaseMs: 20, reconnectMaxMs: 100 });
    const first = newBob();
    await first.login(b, officialUserSig(b));
    await first.whenSynced();
    const afterClose: ImMessage[] = [];
    let closed = false;
    first.on('message', (m) => { if (closed) afterClose.push(m); });
    // The raw event comes before the ordered stream's delivery: closing here leaves the message waiting in the client.
    first.on('c2c.message', () => { closed = true; first.close(); });
    const alice = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId });
    await alice.login(a, officialUserSig(a));
    await alice.sendC2C(b, [textElem('one')]);
    await until(() => closed);
    await first.whenSynced();
    expect(afterClose).toEqual([]);

    const second = newBob();
    const seen: ImMessage[] = [];
    second.on('message', (m) => seen.push(m));
    await second.login(b, officialUserSig(b));
    await until(() => seen.length >= 1);
    await second.whenSynced();
    expect(seen.map((m) => [m.MsgSeq, (m.MsgBody[0]!.MsgContent as { Text: string }).Text])).toEqual([[1, 'one']]);
    second.close();
    alice.close();
  });
});
