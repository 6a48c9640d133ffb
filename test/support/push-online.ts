import { expect } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { PushOutboxEntry } from '../../local/sns-standin.js';
import { allServicesFromEnv } from './all-services.js';
import { rest } from './rest-client.js';
import { connect } from './ws-client.js';

/** Polls `check` (every 30 ms, about 9 s at most). */
export const eventually = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 30));
};

export const statusOf = async (stack: LocalStack, user: string) =>
  ((await rest(stack, 'openim/query_online_status', { To_Account: [user] })).QueryResult as Array<{ Status: string }>)[0]!.Status;

export const devicesOf = async (user: string) => (await allServicesFromEnv(process.env).connections.presenceOf(user, Date.now())).devices;

/** A user whose phone registered a push device and went to the background: PushOnline. Returns the endpoint ARN. */
export async function pushOnlineUser(stack: LocalStack, user: string, platform: 'APNs' | 'FCM' = 'APNs'): Promise<{ user: string; arn: string }> {
  const phone = await connect(stack, user, { platform: platform === 'FCM' ? 'Android' : 'iOS', instance: 'phone' });
  expect((await phone.request('push.register', { Platform: platform, Token: `tok-${user}` })).ErrorCode).toBe(0);
  await phone.close();
  await eventually(async () => (await statusOf(stack, user)) === 'PushOnline');
  expect(await statusOf(stack, user)).toBe('PushOnline');
  return { user, arn: (await devicesOf(user))[0]!.endpointArn! };
}

/** Every Publish to the endpoint once the push queue has drained. */
export const publishesTo = async (stack: LocalStack, arn: string): Promise<PushOutboxEntry[]> => {
  await stack.sqs.idle();
  return stack.sns.outbox.filter((e) => e.action === 'Publish' && e.params.TargetArn === arn);
};
