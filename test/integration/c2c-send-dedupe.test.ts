import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { messagesTable, usersTable } from '../../functions/shared/tables.js';
import { c2cConversationId } from '../../functions/c2c/c2c-keys.js';
import { DynamoC2cStore, SEND_MEMORY } from '../../functions/c2c/c2c-store-dynamo.js';
import type { AllocateInput } from '../../functions/c2c/c2c-store.js';
import { startTestStack, uniqueId } from '../support/stack.js';

/** The de-duplication window of C2C sends, kept in the conversation state item (docs/data-model.md). */
let stack: LocalStack;
let db: DynamoDBDocumentClient;
let store: DynamoC2cStore;
beforeAll(async () => {
  stack = await startTestStack();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  store = new DynamoC2cStore(db, stack.tableNames[messagesTable.envVar]!, stack.tableNames[usersTable.envVar]!);
});
afterAll(async () => { db?.destroy(); await stack?.stop(); });

const T0 = 1_800_000_000;
const conversation = () => {
  const [a, b] = [uniqueId('a'), uniqueId('b')];
  const input = (sender: string, time: number): AllocateInput => ({
    conversationId: c2cConversationId(a, b), sender, recipient: sender === a ? b : a, time, at: time * 1000,
    noUnread: false, noLastMsg: false, needReceipt: false, senderReads: true,
  });
  const sendAt = (sender: string, random: number, time: number, since = time - 300) => store.allocateSend(input(sender, time), { random, since });
  return { a, b, input, sendAt };
};
const seqOf = (allocation: Awaited<ReturnType<DynamoC2cStore['allocateSend']>>) => (allocation.repeated ? allocation.seq : allocation.state.seq);

describe('c2c send de-duplication window', () => {
  it(`remembers a MsgRandom over the conversation's next ${SEND_MEMORY - 1} sends (either side) and forgets it after ${SEND_MEMORY}`, async () => {
    const { a, b, sendAt } = conversation();
    expect(seqOf(await sendAt(a, 42, T0))).toBe(1);
    for (let i = 1; i < SEND_MEMORY; i++) await sendAt(i % 2 ? b : a, 1000 + i, T0 + 1);
    expect(await sendAt(a, 42, T0 + 2)).toMatchObject({ repeated: true, seq: 1, time: T0, state: { seq: SEND_MEMORY } });
    await sendAt(b, 2000, T0 + 3);
    expect(await sendAt(a, 42, T0 + 4)).toMatchObject({ repeated: false, state: { seq: SEND_MEMORY + 2 } });
  });

  it('a MsgRandom first sent before `since` is a new send, and a retry of that one gets its own seq', async () => {
    const { a, sendAt } = conversation();
    await sendAt(a, 7, T0);
    expect(await sendAt(a, 7, T0 + 299)).toMatchObject({ repeated: true, seq: 1 });
    expect(await sendAt(a, 7, T0 + 301)).toMatchObject({ repeated: false, state: { seq: 2 } });
    expect(await sendAt(a, 7, T0 + 302)).toMatchObject({ repeated: true, seq: 2, time: T0 + 301 });
  });

  it('the key is the sender\'s: the peer may use the same MsgRandom; a conversation with oneself works too', async () => {
    const { a, b, sendAt } = conversation();
    await sendAt(a, 9, T0);
    expect(await sendAt(b, 9, T0)).toMatchObject({ repeated: false, state: { seq: 2 } });
    expect(await sendAt(b, 9, T0)).toMatchObject({ repeated: true, seq: 2 });
    const self = { conversationId: c2cConversationId(a, a), sender: a, recipient: a, time: T0, at: T0 * 1000, noUnread: false, noLastMsg: false, needReceipt: false, senderReads: true };
    expect(await store.allocateSend(self, { random: 9, since: T0 - 300 })).toMatchObject({ repeated: false, state: { seq: 1 } });
    expect(await store.allocateSend(self, { random: 9, since: T0 - 300 })).toMatchObject({ repeated: true, seq: 1 });
  });

  it('imports take seqs without using or pushing out the remembered sends', async () => {
    const { a, b, input, sendAt } = conversation();
    await sendAt(a, 11, T0);
    for (let i = 0; i < SEND_MEMORY; i++) await store.allocate(input(b, T0));
    expect(await sendAt(a, 11, T0 + 1)).toMatchObject({ repeated: true, seq: 1, state: { seq: SEND_MEMORY + 1 } });
  });
});
