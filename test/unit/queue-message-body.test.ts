import { describe, expect, it } from 'vitest';
import { INVALID_CHARS } from '../../local/sqs-standin.js';
import { encodePushJob } from '../../functions/push/push-queue.js';
import { encodeFanOutJob } from '../../functions/groupmsg/fan-out-queue.js';
import { encodeAfterCallbackJob } from '../../functions/webhooks/after-callback-queue.js';
import { queueMessageBody } from '../../functions/shared/queue-message-body.js';

// Every character SQS refuses raw that a user's JSON text may hold, and some it accepts.
const ODD = 'x\uFFFEy\uFFFFz\u0000\u0001\u001f\uD800\uDFFF\uFFFD\u{10FFFF}\u{1F600}"\\';

describe('SQS message bodies', () => {
  it('hold only characters SQS accepts and parse back to the same job', () => {
    const job = { kind: 'Job', [`key${ODD}`]: ODD, list: [ODD, { deep: ODD }] };
    const body = queueMessageBody(job);
    expect(JSON.stringify(job)).toMatch(INVALID_CHARS); // what the fuzz run found
    expect(body).not.toMatch(INVALID_CHARS);
    expect(JSON.parse(body)).toEqual(job);
  });

  it('are what every queue encoder sends', () => {
    const text = { MsgType: 'TIMTextElem', MsgContent: { Text: ODD } };
    const bodies = [
      encodePushJob({ kind: 'BroadcastPage', task: { body: [text] }, enqueuedAt: 1 }),
      encodeFanOutJob({ groupId: 'g', event: 'group.message', data: { MsgBody: [text] }, connections: [] } as unknown as Parameters<typeof encodeFanOutJob>[0]),
      encodeAfterCallbackJob({ command: 'C2C.CallbackAfterSendMsg', body: { MsgBody: [text] }, meta: { clientIp: '', optPlatform: 'RESTAPI' }, enqueuedAt: 1 }),
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(INVALID_CHARS);
      expect(body).toContain('\\ufffe');
      expect(JSON.stringify(JSON.parse(body))).toContain(ODD.slice(0, 5));
    }
  });
});
