// Overload: the local gateway bounds each feature's concurrency as Lambda does, and a request that waited too long
// for a handler is refused at once with 60018 (functions/shared/admission.ts); one admitted but not finished by its
// deadline is answered 60008 (test/e2e/admission-deadline.test.ts). The app backend's before-send callback, left
// unanswered, holds the one c2c slot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { ImClient, textElem } from '../../client/src/index.js';
import { startTestStack } from '../support/stack.js';
import { newUsers } from '../support/groups.js';
import { rest } from '../support/rest-client.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { officialUserSig } from '../support/usersigs.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const HOLD_MS = 400;
let stack: LocalStack;
let receiver: WebhookReceiver;
const open: Array<{ close(): unknown }> = [];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiver.replyWith('hang');
  stack = await startTestStack(
    { webhook: { url: `${receiver.url}/cb`, commands: ['C2C.CallbackBeforeSendMsg'], timeoutMs: HOLD_MS }, admission: { maxQueueMs: 150, deadlineMs: 5000 } },
    {},
    { perFeature: 1, maxQueued: 4 },
  );
});
afterAll(async () => { open.forEach((c) => c.close()); await stack?.stop(); await receiver?.close(); });

const pair = async () => newUsers(stack, 2, 'ad');
const send = (c: TestClient, to: string, n: number) => c.request('c2c.send', { To_Account: to, MsgRandom: n, MsgBody: [textElem(`m${n}`)] });
const stored = async (from: string, to: string) => {
  const reply = await rest(stack, 'openim/admin_getroammsg', { Operator_Account: from, Peer_Account: to, MaxCnt: 100, MinTime: 0, MaxTime: 2 ** 31 - 1 });
  return (reply.MsgList as Array<{ MsgRandom: number }>).map((m) => m.MsgRandom).sort((x, y) => x - y);
};

describe('admission under overload', () => {
  it('refuses at once, with 60018 and the request id, what waited too long behind a busy handler, and stores none of it', async () => {
    const [alice, bob] = await pair();
    const c = await connect(stack, alice);
    open.push(c);
    const started = Date.now();
    const replies = await Promise.all([1, 2, 3].map(async (n) => ({ n, reply: await send(c, bob, n), at: Date.now() - started })));
    const served = replies.filter((r) => r.reply.ErrorCode === 0);
    const refused = replies.filter((r) => r.reply.ErrorCode === 60018);
    expect(served.map((r) => r.n)).toEqual([1]);
    expect(refused.map((r) => r.n)).toEqual([2, 3]);
    for (const r of refused) {
      expect(r.reply).toMatchObject({ action: 'c2c.send', ErrorInfo: expect.stringMatching(/^server busy: the request waited \d+ ms/) });
      // Answered as soon as the slot freed (one held send), not after a timeout.
      expect(r.at).toBeLessThan(HOLD_MS + 1500);
    }
    expect(await stored(alice, bob)).toEqual([1]);
    // The refused sends never reached the app backend: refused before any work.
    expect(receiver.requests.filter((q) => (q.body as { From_Account?: string }).From_Account === alice)).toHaveLength(1);
  });

  it('throttles at once, as Lambda does, the frames beyond the feature\'s concurrency and queue', async () => {
    const [alice, bob] = await pair();
    const c = await connect(stack, alice);
    open.push(c);
    const before = stack.lambdas.throttles;
    // One running, four waiting: the sixth and later get API Gateway's error frame (no reqId) at once.
    for (let n = 10; n < 18; n++) c.sendRaw(JSON.stringify({ action: 'c2c.send', reqId: `t${n}`, data: { To_Account: bob, MsgRandom: n, MsgBody: [textElem('t')] } }));
    const gatewayErrors = () => c.frames.filter((f) => (f as { message?: string }).message === 'Internal server error').length;
    for (let i = 0; i < 40 && gatewayErrors() < 3; i++) await new Promise((r) => setTimeout(r, 25));
    expect(gatewayErrors()).toBe(3);
    expect(stack.lambdas.throttles - before).toBe(3);
    await c.waitFor((f) => f.reqId === 't14', 10_000);
  });

  it('the client SDK retries busy refusals with pauses and the same MsgRandom: every send stored once', async () => {
    const [alice, bob] = await pair();
    const im = new ImClient({ url: stack.wsUrl, sdkAppId: stack.config.sdkAppId, busyRetries: 20, busyRetryBaseMs: 50, busyRetryMaxMs: 400 });
    open.push(im);
    await im.login(alice, officialUserSig(alice));
    const replies = await Promise.all([1, 2, 3].map((n) => im.sendC2C(bob, [textElem(`s${n}`)], { MsgRandom: 100 + n })));
    expect(await stored(alice, bob)).toEqual([101, 102, 103]);
    expect(new Set(replies.map((r) => r.MsgSeq)).size).toBe(3);
  });

  it('a PostToConnection throttled (429 LimitExceededException) is retried with backoff: the message still arrives once', async () => {
    const [alice, bob] = await pair();
    receiver.replyWith({ json: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } });
    const [a, b] = await Promise.all([connect(stack, alice), connect(stack, bob)]);
    open.push(a, b);
    try {
      const before = stack.connectionsApi.throttled ?? 0;
      stack.connectionsApi.throttleNext = 2;
      expect(await send(a, bob, 55)).toMatchObject({ ErrorCode: 0 });
      const event = await b.event('c2c.message', 5000);
      expect(event.data).toMatchObject({ From_Account: alice, MsgRandom: 55 });
      expect((stack.connectionsApi.throttled ?? 0) - before).toBe(2);
      await new Promise((r) => setTimeout(r, 200));
      expect(b.events.filter((e) => e.event === 'c2c.message')).toHaveLength(1);
    } finally {
      stack.connectionsApi.throttleNext = 0;
      receiver.replyWith('hang');
    }
  });
});
