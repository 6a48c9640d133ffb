import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../functions/app-config.js';
import { createWebhooks, type WebhooksDeps } from '../../functions/webhooks/webhooks.js';
import { httpCallbackSender } from '../../functions/webhooks/http-sender.js';
import type { AfterCallbackJob } from '../../functions/webhooks/after-callback-queue.js';
import { OK_REPLY, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const TOKEN = 'tok-3f9a';
const META = { clientIp: '203.0.113.9', optPlatform: 'Web' };
const BODY = { From_Account: 'jared', To_Account: 'Jonh', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'red packet' } }] };

let receiver: WebhookReceiver;
let queued: AfterCallbackJob[];

/** Webhooks as the runtime builds them (real fetch sender), with an in-memory queue. */
const webhooksFor = (webhook: Partial<WebhooksDeps['webhook']> = {}, deps: Partial<WebhooksDeps> = {}) => createWebhooks({
  sdkAppId: 1400000001,
  webhook: { url: `${receiver.url}/im/callback`, timeoutMs: 300, failClosed: false, ...webhook },
  callbackToken: TOKEN,
  send: httpCallbackSender(),
  queue: { enqueue: async (job) => { queued.push(job); } },
  clock: Date.now,
  ...deps,
});

const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
};

beforeAll(async () => { receiver = await startWebhookReceiver(); });
afterAll(async () => { await receiver?.close(); });
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.replyWith({ json: OK_REPLY });
  queued = [];
});

describe('before-callbacks against a real HTTP receiver', () => {
  it('POSTs the JSON body with the Tencent query string and returns the parsed reply', async () => {
    const reply = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'replaced' } }] };
    receiver.replyWith({ json: reply });
    const result = await webhooksFor().before('C2C.CallbackBeforeSendMsg', BODY, META);
    expect(result).toEqual({ outcome: 'replied', reply });

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/im/callback');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.rawQuery).toMatch(/^SdkAppid=1400000001&CallbackCommand=C2C\.CallbackBeforeSendMsg&contenttype=json&ClientIP=203\.0\.113\.9&OptPlatform=Web&Sign=[0-9a-f]{64}&RequestTime=\d+$/);
    expect(request!.body).toEqual({ CallbackCommand: 'C2C.CallbackBeforeSendMsg', ...BODY });
    expect(Object.keys(request!.body as object)[0]).toBe('CallbackCommand');
  });

  it('signs so that the receiver can verify Sign and the replay window', async () => {
    await webhooksFor().before('Group.CallbackBeforeCreateGroup', { Owner_Account: 'leckie' }, META);
    const { Sign, RequestTime } = receiver.requests[0]!.query;
    // What a receiver does (spec §6.4): recompute sha256(Token + RequestTime) and check the time is within a minute.
    expect(Sign).toBe(createHash('sha256').update(`${TOKEN}${RequestTime}`).digest('hex'));
    expect(Math.abs(Date.now() / 1000 - Number(RequestTime))).toBeLessThanOrEqual(60);
  });

  it('uses the injected clock for RequestTime', async () => {
    await webhooksFor({}, { callbackToken: 'xxxxyyyy', clock: () => 1669872112_500 }).before('C2C.CallbackBeforeSendMsg', BODY, META);
    expect(receiver.requests[0]!.query).toMatchObject({
      RequestTime: '1669872112', Sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    });
  });

  it('sends no Sign without a token, and continues a configured query string with &', async () => {
    await webhooksFor({ url: `${receiver.url}/cb?tenant=7` }, { callbackToken: undefined }).before('C2C.CallbackBeforeSendMsg', BODY, META);
    const [request] = receiver.requests;
    expect(request!.rawQuery).toBe('tenant=7&SdkAppid=1400000001&CallbackCommand=C2C.CallbackBeforeSendMsg&contenttype=json&ClientIP=203.0.113.9&OptPlatform=Web');
  });

  it('puts the command in the body even when the caller wrote another one there', async () => {
    await webhooksFor().before('C2C.CallbackBeforeSendMsg', { CallbackCommand: 'Wrong', ...BODY }, META);
    expect((receiver.requests[0]!.body as Record<string, unknown>).CallbackCommand).toBe('C2C.CallbackBeforeSendMsg');
  });

  it('skips commands that are not enabled, without any request', async () => {
    const webhooks = webhooksFor({ commands: ['Group.CallbackBeforeSendMsg'] });
    expect(webhooks.isEnabled('C2C.CallbackBeforeSendMsg')).toBe(false);
    expect(await webhooks.before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'skipped' });
    expect(await webhooksFor({ url: undefined }).before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'skipped' });
    expect(receiver.requests).toHaveLength(0);
    expect(await webhooks.before('Group.CallbackBeforeSendMsg', BODY, META)).toMatchObject({ outcome: 'replied' });
  });

  it('fails open after timeoutMs when the receiver never answers', async () => {
    receiver.replyWith('hang');
    const { value, ms } = await timed(() => webhooksFor({ timeoutMs: 300 }).before('C2C.CallbackBeforeSendMsg', BODY, META));
    expect(value).toEqual({ outcome: 'failed', allow: true, reason: 'timeout' });
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(1000);
    expect(receiver.requests).toHaveLength(1);
  });

  it('fails open after 2 seconds with the default configuration', async () => {
    receiver.replyWith('hang');
    const { webhook } = parseAppConfig({ sdkAppId: 1400000001, webhook: { url: receiver.url } });
    const { value, ms } = await timed(() => webhooksFor(webhook).before('C2C.CallbackBeforeSendMsg', BODY, META));
    expect(value).toEqual({ outcome: 'failed', allow: true, reason: 'timeout' });
    expect(ms).toBeGreaterThanOrEqual(1950);
    expect(ms).toBeLessThan(2800);
  });

  it('refuses on failure when the app is fail-closed', async () => {
    receiver.replyWith('hang');
    expect(await webhooksFor({ failClosed: true }).before('C2C.CallbackBeforeSendMsg', BODY, META))
      .toEqual({ outcome: 'failed', allow: false, reason: 'timeout' });
  });

  it('counts a non-200 status as a failed callback, whatever the body', async () => {
    receiver.replyWith({ status: 500, text: JSON.stringify(OK_REPLY) });
    expect(await webhooksFor().before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'failed', allow: true, reason: 'http-status' });
    receiver.replyWith({ status: 302, text: '' });
    expect(await webhooksFor().before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'failed', allow: true, reason: 'http-status' });
  });

  it('counts a body that is not a JSON object as a failed callback', async () => {
    receiver.replyWith({ text: 'OK' });
    expect(await webhooksFor().before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'failed', allow: true, reason: 'not-json' });
    receiver.replyWith({ json: [OK_REPLY] });
    expect(await webhooksFor().before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'failed', allow: true, reason: 'not-json' });
  });

  it('counts an unreachable backend as a failed callback', async () => {
    const closed = await startWebhookReceiver();
    const url = closed.url;
    await closed.close();
    expect(await webhooksFor({ url }).before('C2C.CallbackBeforeSendMsg', BODY, META)).toEqual({ outcome: 'failed', allow: true, reason: 'network' });
  });
});

describe('after-callbacks and delivery', () => {
  it('after() only enqueues, and only enabled commands', async () => {
    const webhooks = webhooksFor({ commands: ['C2C.CallbackAfterSendMsg'] }, { clock: () => 42 });
    await webhooks.after('C2C.CallbackAfterSendMsg', BODY, META);
    await webhooks.after('Group.CallbackAfterSendMsg', BODY, META);
    expect(queued).toEqual([{ command: 'C2C.CallbackAfterSendMsg', body: { CallbackCommand: 'C2C.CallbackAfterSendMsg', ...BODY }, meta: META, enqueuedAt: 42 }]);
    expect(receiver.requests).toHaveLength(0);
  });

  it('after() does not throw when the queue fails', async () => {
    const webhooks = webhooksFor({}, { queue: { enqueue: () => Promise.reject(new Error('queue down')) } });
    await expect(webhooks.after('C2C.CallbackAfterSendMsg', BODY, META)).resolves.toBeUndefined();
  });

  it('deliver() posts a queued job and reports the outcome; skipped once the command is disabled', async () => {
    const job = { command: 'C2C.CallbackAfterSendMsg', body: { CallbackCommand: 'C2C.CallbackAfterSendMsg', ...BODY }, meta: { clientIp: '198.51.100.1', optPlatform: 'Android' }, enqueuedAt: Date.now() };
    expect(await webhooksFor().deliver(job)).toEqual({ outcome: 'replied', reply: OK_REPLY });
    expect(receiver.requests[0]!.query).toMatchObject({ CallbackCommand: 'C2C.CallbackAfterSendMsg', ClientIP: '198.51.100.1', OptPlatform: 'Android' });
    receiver.replyWith({ status: 503 });
    expect(await webhooksFor().deliver(job)).toEqual({ outcome: 'failed', reason: 'http-status', status: 503 });
    expect(await webhooksFor({ commands: [] }).deliver(job)).toEqual({ outcome: 'skipped' });
    expect(receiver.requests).toHaveLength(2);
  });
});
