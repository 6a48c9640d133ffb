import { describe, expect, it } from 'vitest';
import { callbackSign, callbackUrl, isCallbackEnabled, type WebhookConfig } from '../../functions/webhooks/callback-url.js';
import { callbackMetaFor, optPlatformFor } from '../../functions/shared/callback-meta.js';
import { beforeVerdict, C2C_CUSTOM_CODES, GROUP_CUSTOM_CODES } from '../../functions/webhooks/before-verdict.js';
import { encodeAfterCallbackJob, parseAfterCallbackJob } from '../../functions/webhooks/after-callback-queue.js';

const base = { sdkAppId: 888888, command: 'Group.CallbackAfterNewMemberJoin', clientIp: '10.0.0.7', optPlatform: 'RESTAPI' };

describe('callbackSign', () => {
  it('matches the documented vector (Token=xxxxyyyy, RequestTime=1669872112)', () => {
    expect(callbackSign('xxxxyyyy', 1669872112)).toBe('17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');
  });

  it('depends on both the token and the time', () => {
    expect(callbackSign('xxxyyy', 1669872112)).not.toBe(callbackSign('xxxxyyyy', 1669872112));
    expect(callbackSign('xxxxyyyy', 1669872113)).not.toBe(callbackSign('xxxxyyyy', 1669872112));
  });
});

describe('callbackUrl', () => {
  it('appends the five parameters with Tencent spelling and order', () => {
    expect(callbackUrl({ ...base, url: 'https://www.example.com/im' })).toBe(
      'https://www.example.com/im?SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json&ClientIP=10.0.0.7&OptPlatform=RESTAPI');
  });

  it('adds Sign then RequestTime when a token is configured', () => {
    const url = callbackUrl({ ...base, url: 'https://www.example.com', auth: { token: 'xxxxyyyy', requestTimeSeconds: 1669872112 } });
    expect(url).toBe('https://www.example.com?SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json' +
      '&ClientIP=10.0.0.7&OptPlatform=RESTAPI&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061&RequestTime=1669872112');
    const names = [...new URL(url).searchParams.keys()];
    expect(names).toEqual(['SdkAppid', 'CallbackCommand', 'contenttype', 'ClientIP', 'OptPlatform', 'Sign', 'RequestTime']);
  });

  it('keeps a query string already in the configured URL and continues it with &', () => {
    expect(callbackUrl({ ...base, url: 'https://hooks.example.com/cb?tenant=a%20b&x=1' }))
      .toMatch(/^https:\/\/hooks\.example\.com\/cb\?tenant=a%20b&x=1&SdkAppid=888888&CallbackCommand=/);
    expect(callbackUrl({ ...base, url: 'https://hooks.example.com/cb?' })).toMatch(/\/cb\?SdkAppid=888888&/);
    expect(callbackUrl({ ...base, url: 'https://hooks.example.com/cb?a=1&' })).toMatch(/\/cb\?a=1&SdkAppid=888888&/);
  });

  it('drops a fragment, which is never sent', () => {
    expect(callbackUrl({ ...base, url: 'https://hooks.example.com/cb#frag' })).toMatch(/^https:\/\/hooks\.example\.com\/cb\?SdkAppid=/);
  });

  it('percent-encodes values (an IPv6 client address)', () => {
    const url = callbackUrl({ ...base, url: 'http://h', clientIp: '2001:db8::1', optPlatform: 'Web' });
    expect(url).toContain('&ClientIP=2001%3Adb8%3A%3A1&OptPlatform=Web');
    expect(new URL(url).searchParams.get('ClientIP')).toBe('2001:db8::1');
  });
});

describe('isCallbackEnabled', () => {
  const config = (webhook: Partial<WebhookConfig>): WebhookConfig => ({ timeoutMs: 2000, failClosed: false, ...webhook });

  it('is off without a URL, whatever the command list says', () => {
    expect(isCallbackEnabled(config({}), 'C2C.CallbackBeforeSendMsg')).toBe(false);
    expect(isCallbackEnabled(config({ commands: ['C2C.CallbackBeforeSendMsg'] }), 'C2C.CallbackBeforeSendMsg')).toBe(false);
  });

  it('enables every command when the list is absent', () => {
    expect(isCallbackEnabled(config({ url: 'http://h' }), 'State.StateChange')).toBe(true);
  });

  it('enables only the listed commands when there is a list', () => {
    const webhook = config({ url: 'http://h', commands: ['C2C.CallbackAfterSendMsg'] });
    expect(isCallbackEnabled(webhook, 'C2C.CallbackAfterSendMsg')).toBe(true);
    expect(isCallbackEnabled(webhook, 'C2C.CallbackBeforeSendMsg')).toBe(false);
    expect(isCallbackEnabled(config({ url: 'http://h', commands: [] }), 'C2C.CallbackAfterSendMsg')).toBe(false);
  });
});

describe('OptPlatform', () => {
  it('spells iOS as IOS for State.StateChange only', () => {
    expect(optPlatformFor('iOS', 'State.StateChange')).toBe('IOS');
    expect(optPlatformFor('iOS', 'C2C.CallbackAfterSendMsg')).toBe('iOS');
    expect(optPlatformFor('Android', 'State.StateChange')).toBe('Android');
    expect(optPlatformFor('RESTAPI', 'State.StateChange')).toBe('RESTAPI');
    expect(optPlatformFor(undefined, 'State.StateChange')).toBe('Unknown');
  });

  it('is RESTAPI for REST callers and the client platform for WebSocket callers', () => {
    expect(callbackMetaFor({ transport: 'rest', admin: 'administrator', clientIp: '1.2.3.4', requestId: 'r' }, 'State.StateChange'))
      .toEqual({ clientIp: '1.2.3.4', optPlatform: 'RESTAPI' });
    const ws = { transport: 'ws', userId: 'u', connectionId: 'c', platform: 'iOS', instance: 'iOS', clientIp: '5.6.7.8', requestId: 'r' } as const;
    expect(callbackMetaFor(ws, 'State.StateChange')).toEqual({ clientIp: '5.6.7.8', optPlatform: 'IOS' });
    expect(callbackMetaFor(ws, 'C2C.CallbackBeforeSendMsg')).toEqual({ clientIp: '5.6.7.8', optPlatform: 'iOS' });
  });
});

describe('beforeVerdict', () => {
  const replied = (reply: Record<string, unknown>) => ({ outcome: 'replied', reply } as const);

  it('allows on 0 (keeping the reply for a replaced MsgBody), drops on 2, refuses on 1', () => {
    const reply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgBody: [] };
    expect(beforeVerdict(replied(reply), C2C_CUSTOM_CODES)).toEqual({ action: 'allow', replaced: reply });
    expect(beforeVerdict(replied({ ErrorCode: 2 }), C2C_CUSTOM_CODES)).toEqual({ action: 'drop' });
    expect(beforeVerdict(replied({ ErrorCode: 1 }), C2C_CUSTOM_CODES)).toEqual({ action: 'refuse' });
  });

  it('passes custom codes through only inside the range of the callback family', () => {
    expect(beforeVerdict(replied({ ErrorCode: 120001, ErrorInfo: 'no links' }), C2C_CUSTOM_CODES))
      .toEqual({ action: 'refuse', custom: { code: 120001, info: 'no links' } });
    expect(beforeVerdict(replied({ ErrorCode: 10150, ErrorInfo: 'muted' }), C2C_CUSTOM_CODES)).toEqual({ action: 'refuse' });
    expect(beforeVerdict(replied({ ErrorCode: 10150, ErrorInfo: 'muted' }), GROUP_CUSTOM_CODES))
      .toEqual({ action: 'refuse', custom: { code: 10150, info: 'muted' } });
  });

  it('follows the app policy on failure and allows when skipped', () => {
    expect(beforeVerdict({ outcome: 'failed', allow: true, reason: 'timeout' }, C2C_CUSTOM_CODES)).toEqual({ action: 'allow' });
    expect(beforeVerdict({ outcome: 'failed', allow: false, reason: 'timeout' }, C2C_CUSTOM_CODES)).toEqual({ action: 'refuse' });
    expect(beforeVerdict({ outcome: 'skipped' }, C2C_CUSTOM_CODES)).toEqual({ action: 'allow' });
  });
});

describe('after-callback job wire format', () => {
  it('round-trips and refuses what is not a job', () => {
    const job = { command: 'C2C.CallbackAfterSendMsg', body: { CallbackCommand: 'C2C.CallbackAfterSendMsg', MsgSeq: 1 }, meta: { clientIp: '', optPlatform: 'Web' }, enqueuedAt: 1 };
    expect(parseAfterCallbackJob(encodeAfterCallbackJob(job))).toEqual(job);
    expect(() => parseAfterCallbackJob('not json')).toThrow();
    expect(() => parseAfterCallbackJob(JSON.stringify({ ...job, command: '' }))).toThrow();
    expect(() => parseAfterCallbackJob(JSON.stringify({ ...job, body: [1] }))).toThrow();
  });
});
