import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';
import { OK_REPLY, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** An app that asks for fail-closed before-callbacks: a broken backend refuses friend requests (spec §6.3). */
let stack: LocalStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  stack = await startTestStack({
    webhook: { url: receiver.url, commands: ['Sns.CallbackPrevFriendAdd'], timeoutMs: 300, failClosed: true },
  });
});
afterAll(async () => { await stack?.stop(); await receiver?.close(); });

const relation = async (from: string, to: string) =>
  ((await rest(stack, 'sns/friend_check', { From_Account: from, To_Account: [to], CheckType: 'CheckResult_Type_Both' })).InfoItem as Array<{ Relation: string }>)[0]!.Relation;

async function anyoneMayAdd(): Promise<string> {
  const id = uniqueId();
  await rest(stack, 'im_open_login_svc/account_import', { UserID: id });
  await rest(stack, 'profile/portrait_set', { From_Account: id, ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_AllowAny' }] });
  return id;
}

describe('Sns.CallbackPrevFriendAdd, fail-closed', () => {
  it.each([
    ['answers HTTP 500', { status: 500 }],
    ['does not answer in time', 'hang'],
    ['answers something that is not JSON', { text: 'oops' }],
  ] as const)('refuses friend.add with 30006 and adds nothing when the backend %s', async (_, reply) => {
    const [a, b] = [uniqueId(), await anyoneMayAdd()];
    const ca = await connect(stack, a);
    receiver.replyWith(reply);
    const answer = await ca.request('friend.add', { To_Account: b, AddSource: 'AddSource_Type_App' });
    expect(answer).toMatchObject({ ErrorCode: 30006, ErrorInfo: expect.stringMatching(/callback/i) });
    expect(await relation(a, b)).toBe('CheckResult_Type_NoRelation');
    // The same request goes through once the backend answers again.
    receiver.replyWith({ json: OK_REPLY });
    expect(await ca.request('friend.add', { To_Account: b, AddSource: 'AddSource_Type_App' })).toMatchObject({ ErrorCode: 0, data: { Result: 'Added' } });
    expect(await relation(a, b)).toBe('CheckResult_Type_BothWay');
    await ca.close();
  });
});
