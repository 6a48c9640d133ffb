// A request admitted but not finished by its deadline is answered 60008 (functions/shared/admission.ts), well before
// Lambda's and API Gateway's timeouts; its work goes on, and a retry of a send finds it by its MsgRandom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { textElem } from '../../client/src/index.js';
import { startTestStack } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { newUsers } from '../support/groups.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let slow: LocalStack;
let receiver: WebhookReceiver;
const open: TestClient[] = [];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiver.replyWith('hang');
  slow = await startTestStack({ webhook: { url: `${receiver.url}/cb`, commands: ['C2C.CallbackBeforeSendMsg'], timeoutMs: 2500 }, admission: { maxQueueMs: 5000, deadlineMs: 1000 } });
});
afterAll(async () => { await Promise.all(open.map((c) => c.close())); await slow?.stop(); await receiver?.close(); });

async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try { return await work(); } catch (e) { if (attempt >= 3 || !/service timeout/.test((e as Error).message)) throw e; }
  }
}

describe('deadline', () => {
  it('answers 60008 once the request is older than its deadline; the send completes, and its retry is stored once', async () => {
    // Set-up may itself meet the short deadline on a loaded machine (a cold handler): importing accounts is idempotent.
    const users = await retried(() => newUsers(slow, 2, 'dl'));
    const c = await connect(slow, users[0]!);
    open.push(c);
    const t0 = Date.now();
    const reply = await c.request('c2c.send', { To_Account: users[1], MsgRandom: 7, MsgBody: [textElem('late')] });
    expect(reply).toMatchObject({ ErrorCode: 60008, ErrorInfo: expect.stringMatching(/^service timeout/) });
    expect(Date.now() - t0).toBeLessThan(2200);
    // The callback times out at 2.5 s and lets the send through (fail-open): it is stored after its timeout answer.
    const history = async () => (await rest(slow, 'openim/admin_getroammsg', { Operator_Account: users[0], Peer_Account: users[1], MaxCnt: 10, MinTime: 0, MaxTime: 2 ** 31 - 1 })).MsgList as unknown[];
    for (let i = 0; i < 80 && (await history()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    receiver.replyWith({ json: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } });
    try {
      const retry = await c.request('c2c.send', { To_Account: users[1], MsgRandom: 7, MsgBody: [textElem('late')] });
      expect(retry).toMatchObject({ ErrorCode: 0 });
      expect(await history()).toHaveLength(1);
    } finally {
      receiver.replyWith('hang');
    }
  });
});
