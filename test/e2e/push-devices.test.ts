import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { PushOutboxEntry } from '../../local/sns-standin.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const outboxFor = (token: string) => stack.sns.outbox.filter((e: PushOutboxEntry) => e.params.Token === token || e.action === 'DeleteEndpoint' || e.action === 'SetEndpointAttributes');
/** Registers and answers the endpoint SNS created, as stored with the device. */
const register = async (client: TestClient, userId: string, instance: string, data: Record<string, unknown>) => {
  const reply = await client.request('push.register', data);
  expect(reply).toMatchObject({ ErrorCode: 0, data: {} });
  return (await device(userId, instance))!.endpointArn!;
};
const device = async (userId: string, instance: string) =>
  (await allServicesFromEnv(process.env).connections.presenceOf(userId, Date.now())).devices.find((d) => d.instance === instance);

describe('push device registration through SNS', () => {
  it('creates an SNS platform endpoint for the token and stores it with the device', async () => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'phone' });
    const arn = await register(phone, user, 'phone', { Platform: 'APNs', Token: `tok-${user}` });
    expect(arn).toMatch(/^arn:aws:sns:us-east-1:000000000000:endpoint\/APNS\/im-local\//);
    const created = stack.sns.outbox.find((e) => e.action === 'CreatePlatformEndpoint' && e.params.Token === `tok-${user}`)!;
    expect(created.params).toMatchObject({ PlatformApplicationArn: 'arn:aws:sns:us-east-1:000000000000:app/APNS/im-local', CustomUserData: user });
    expect(await device(user, 'phone')).toMatchObject({ pushPlatform: 'APNs', token: `tok-${user}`, endpointArn: arn, platform: 'iOS' });
    await phone.close();
  });

  it('chooses the application by platform: FCM and the APNs sandbox', async () => {
    const user = uniqueId();
    const android = await connect(stack, user, { platform: 'Android', instance: 'a' });
    expect(await register(android, user, 'a', { Platform: 'FCM', Token: `fcm-${user}` })).toMatch(/endpoint\/GCM\/im-local\//);
    const ipad = await connect(stack, user, { platform: 'iPad', instance: 'b' });
    expect(await register(ipad, user, 'b', { Platform: 'APNsSandbox', Token: `sb-${user}` })).toMatch(/endpoint\/APNS_SANDBOX\/im-local\//);
    await Promise.all([android.close(), ipad.close()]);
  });

  it('a new token for the same instance deletes the old endpoint', async () => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'Android', instance: 'p' });
    const first = await register(phone, user, 'p', { Platform: 'FCM', Token: `old-${user}` });
    const second = await register(phone, user, 'p', { Platform: 'FCM', Token: `new-${user}` });
    expect(second).not.toBe(first);
    expect(stack.sns.outbox.some((e) => e.action === 'DeleteEndpoint' && e.params.EndpointArn === first)).toBe(true);
    await phone.close();
  });

  it('unregister removes the device and its endpoint; a wrong token is refused and changes nothing', async () => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'x' });
    const arn = await register(phone, user, 'x', { Platform: 'APNs', Token: `t-${user}` });
    expect(await phone.request('push.unregister', { Token: 'not-mine' })).toMatchObject({ ErrorCode: 60003 });
    expect(await device(user, 'x')).toMatchObject({ endpointArn: arn });
    expect((await phone.request('push.unregister', {})).ErrorCode).toBe(0);
    expect(await device(user, 'x')).toBeUndefined();
    expect(stack.sns.outbox.some((e) => e.action === 'DeleteEndpoint' && e.params.EndpointArn === arn)).toBe(true);
    await phone.close();
  });

  it('logout deletes the endpoint too', async () => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'y' });
    const arn = await register(phone, user, 'y', { Platform: 'APNs', Token: `l-${user}` });
    await phone.request('logout');
    expect(stack.sns.outbox.some((e) => e.action === 'DeleteEndpoint' && e.params.EndpointArn === arn)).toBe(true);
    await phone.close();
  });

  it.each([
    ['an unknown push platform', { Platform: 'WNS', Token: 't' }],
    ['an empty token', { Platform: 'APNs', Token: '' }],
    ['a negative BusinessID', { Platform: 'APNs', Token: 't', BusinessID: -1 }],
  ])('refuses %s with 60003 and registers nothing', async (_name, data) => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'z' });
    const before = stack.sns.outbox.length;
    expect(await phone.request('push.register', data)).toMatchObject({ ErrorCode: 60003 });
    expect(stack.sns.outbox.length).toBe(before);
    expect(await device(user, 'z')).toBeUndefined();
    await phone.close();
  });

  it('re-registering the same token reuses and re-enables its endpoint', async () => {
    const user = uniqueId();
    const phone = await connect(stack, user, { platform: 'iOS', instance: 'r' });
    const first = await register(phone, user, 'r', { Platform: 'APNs', Token: `same-${user}` });
    stack.sns.setEndpointEnabled(first, false);
    const again = await register(phone, user, 'r', { Platform: 'APNs', Token: `same-${user}` });
    expect(again).toBe(first);
    expect(outboxFor(`same-${user}`).some((e) => e.action === 'SetEndpointAttributes' && e.params.EndpointArn === first)).toBe(true);
    await phone.close();
  });
});
