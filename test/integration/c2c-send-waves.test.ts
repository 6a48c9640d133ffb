import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from '../support/all-services.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { connectionsTable } from '../../functions/shared/tables.js';
import { isImError } from '../../functions/shared/errors.js';
import { sendC2cMessage, type SendRequest } from '../../functions/c2c/send-message.js';
import { readDeliveryPresence } from '../../functions/c2c/delivery-presence.js';
import { c2cConversationId } from '../../functions/c2c/c2c-keys.js';
import { C2cCode } from '../../functions/c2c/c2c-codes.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { connect } from '../support/ws-client.js';

/**
 * How long the DynamoDB chain of one send is, in "waves": a call is in wave n+1
 * when it started after a call of wave n had ended (docs/data-model.md, "c2c.send,
 * step by step"). Order of start and end events only, never wall-clock time, so
 * the count does not depend on the machine's load. Fails if a change makes the chain longer.
 */
const STEADY_WAVES = 3;
const NEW_CONVERSATION_WAVES = 4;

interface RecordedCall { operation: string; start: number; end?: number; failed?: boolean }

/** Records the order in which the client's calls start and end (one counter for both). */
function recordCalls(client: DynamoDBDocumentClient) {
  let tick = 0;
  const calls: RecordedCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call: RecordedCall = { operation: String(context.commandName), start: ++tick };
      calls.push(call);
      try {
        return await next(args);
      } catch (error) {
        call.failed = true;
        throw error;
      } finally {
        call.end = ++tick;
      }
    },
    { step: 'initialize', name: 'sendWaves', override: true },
  );
  return {
    calls,
    reset: () => { calls.length = 0; },
    /** Every recorded call with its wave, in start order. */
    waves: () => {
      const wave = new Map<RecordedCall, number>();
      for (const call of calls) {
        const before = calls.filter((c) => c.end !== undefined && c.end < call.start).map((c) => wave.get(c)!);
        wave.set(call, 1 + Math.max(0, ...before));
      }
      return calls.map((c) => ({ operation: c.operation.replace(/Command$/, ''), wave: wave.get(c)! }));
    },
    /** Resolves once every call started so far has ended. */
    settled: async () => {
      while (calls.some((c) => c.end === undefined)) await new Promise((resolve) => setTimeout(resolve, 5));
      // Unhandled rejections are reported after the microtasks that follow the last response.
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

const chainLength = (waves: Array<{ wave: number }>) => Math.max(0, ...waves.map((w) => w.wave));
const operationsOf = (waves: Array<{ operation: string; wave: number }>, n: number) => waves.filter((w) => w.wave === n).map((w) => w.operation).sort();

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let services: ServiceCatalog;
let recorder: ReturnType<typeof recordCalls>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  recorder = recordCalls(db);
  services = allServicesFromEnv(process.env, stack.config, {}, db);
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  db?.destroy();
  await stack?.stop();
});
afterEach(() => { vi.restoreAllMocks(); });

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const userSend = (from: string, to: string, random: number, t = 'hello'): SendRequest => ({
  from, to, body: text(t), random, needReceipt: false, by: 'user', syncToSender: 'others', onlineOnly: false, noUnread: false, noLastMsg: false,
  beforeCallback: true, afterCallback: true, meta: { clientIp: '127.0.0.1', optPlatform: 'Web' },
});
const pair = async () => {
  const [a, b] = [uniqueId('a'), uniqueId('b')];
  await rest(stack, 'im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: a, Nick: 'A' }, { UserID: b }] });
  return { a, b };
};

describe('c2c.send: sequential DynamoDB waves', () => {
  it(`a WebSocket send is ${STEADY_WAVES} waves (checks; seq; message beside both users' Connections reads), ${NEW_CONVERSATION_WAVES} on a new conversation`, async () => {
    const { a, b } = await pair();
    const [peer, otherDevice] = [await connect(stack, b), await connect(stack, a)];

    recorder.reset();
    await sendC2cMessage(services, stack.config, userSend(a, b, 1));
    await recorder.settled();
    expect(chainLength(recorder.waves())).toBe(NEW_CONVERSATION_WAVES);
    expect(operationsOf(recorder.waves(), NEW_CONVERSATION_WAVES)).toEqual(['PutItem', 'PutItem']);

    // The second send writes both entries again where a first send that died left none: beside its message, no wave more.
    recorder.reset();
    await sendC2cMessage(services, stack.config, userSend(a, b, 2));
    await recorder.settled();
    expect(chainLength(recorder.waves())).toBe(STEADY_WAVES);
    expect(operationsOf(recorder.waves(), 3)).toEqual(['PutItem', 'PutItem', 'PutItem', 'Query', 'Query']);

    recorder.reset();
    const reply = await sendC2cMessage(services, stack.config, userSend(a, b, 3));
    await recorder.settled();
    const waves = recorder.waves();
    expect(waves).toHaveLength(6);
    expect(chainLength(waves)).toBe(STEADY_WAVES);
    expect(operationsOf(waves, 1)).toEqual(['BatchGetItem', 'Query']);
    expect(operationsOf(waves, 2)).toEqual(['UpdateItem']);
    expect(operationsOf(waves, 3)).toEqual(['PutItem', 'Query', 'Query']);

    // The early reads still deliver to both users, in order.
    for (const client of [peer, otherDevice]) {
      await client.waitFor((f) => f.event === 'c2c.message' && (f.data as { MsgSeq?: number }).MsgSeq === reply.MsgSeq);
      expect(client.events.filter((e) => e.event === 'c2c.message').map((e) => e.data.MsgSeq)).toEqual([1, 2, 3]);
    }
    await Promise.all([peer.close(), otherDevice.close()]);
  });

  it(`an admin send (REST sendmsg) is ${STEADY_WAVES} waves too`, async () => {
    const { a, b } = await pair();
    await sendC2cMessage(services, stack.config, { ...userSend(a, b, 1), by: 'admin', syncToSender: 'all' });
    await sendC2cMessage(services, stack.config, { ...userSend(a, b, 2), by: 'admin', syncToSender: 'all' });
    recorder.reset();
    await sendC2cMessage(services, stack.config, { ...userSend(a, b, 3), by: 'admin', syncToSender: 'all' });
    await recorder.settled();
    const waves = recorder.waves();
    expect(chainLength(waves)).toBe(STEADY_WAVES);
    expect(operationsOf(waves, 3)).toEqual(['PutItem', 'Query', 'Query']);
  });

  it('a send the checks refuse answers its error after one wave, reads no Connections and delivers nothing', async () => {
    const { a, b } = await pair();
    const peer = await connect(stack, b);
    const friendsOnly = { ...stack.config, c2c: { ...stack.config.c2c, friendCheck: 'both' as const } };
    recorder.reset();
    const refused = await sendC2cMessage(services, friendsOnly, userSend(a, b, 1, 'refused')).catch((e: unknown) => e);
    expect(isImError(refused) && refused.code).toBe(C2cCode.NotFriends);
    await recorder.settled();
    expect(chainLength(recorder.waves())).toBe(1);
    expect(recorder.calls.length).toBe(2);

    // Frames to one connection keep their order: had the refused send been delivered, it would come first.
    await sendC2cMessage(services, stack.config, userSend(a, b, 2, 'accepted'));
    const first = await peer.event('c2c.message');
    expect(first.data).toMatchObject({ MsgSeq: 1, MsgBody: text('accepted') });
    await peer.close();
  });
});

describe('c2c.send: failed Connections reads', () => {
  const withoutConnections = () => allServicesFromEnv({ ...process.env, [connectionsTable.envVar]: uniqueId('im-missing-connections-') }, stack.config, {}, db);

  it('reads started early and never awaited (a send that stops before delivery) are no unhandled rejection', async () => {
    const broken = withoutConnections();
    unhandled.length = 0;
    recorder.reset();
    readDeliveryPresence(broken, uniqueId('a'), uniqueId('b'), 'others');
    await recorder.settled();
    expect(recorder.calls.map((c) => [c.operation, c.failed])).toEqual([['QueryCommand', true], ['QueryCommand', true]]);
    expect(unhandled).toEqual([]);
  });

  it('a stored send whose Connections reads fail still answers OK and logs the delivery failure', async () => {
    const { a, b } = await pair();
    const errors = vi.spyOn(console, 'error');
    unhandled.length = 0;
    recorder.reset();
    const reply = await sendC2cMessage(withoutConnections(), stack.config, userSend(a, b, 1));
    await recorder.settled();
    expect(reply.MsgSeq).toBe(1);
    expect(recorder.calls.filter((c) => c.failed).map((c) => c.operation)).toEqual(['QueryCommand', 'QueryCommand']);
    expect(errors.mock.calls.map((args) => String(args[0])).filter((line) => line.includes('c2c delivery failed'))).toHaveLength(2);
    expect(await services.c2c.getMessage(c2cConversationId(a, b), 1, Date.now())).toMatchObject({ from: a, to: b, seq: 1 });
    expect(unhandled).toEqual([]);
  });
});
