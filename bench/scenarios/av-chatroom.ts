import { costFigure } from '../support/cost.js';
import { paced, sleep } from '../support/pace.js';
import { AudienceProcess } from '../support/audience-process.js';
import { round } from '../support/stats.js';
import { userIds, withShared, type BenchStack } from '../support/stack.js';
import { atLeast, atMost, type Scenario } from '../support/types.js';

type Options = { connections: number; rate: number; durationS: number };

/**
 * The audience joins by writing member items as `group.join` writes them (the layout of
 * groups/group-store-dynamo.ts, as test/e2e/groupmsg-avchatroom-scale.test.ts does): 10,000 real joins
 * would each push a tip to every member already online, 50 million posts before the first message.
 * Each client's own `$connect` then puts it in the room's online index, as for any member.
 */
async function seedAudience(s: BenchStack, groupId: string, audience: readonly string[]): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await s.putGroupItems(audience.map((userId) => ({
    pk: `G#${groupId}`, sk: `M#${userId}`, gsi1pk: `U#${userId}`, gsi1sk: groupId, groupId, userId, groupType: 'AVChatRoom', role: 'Member',
    joinTime: now, msgFlag: 'AcceptNotNotify', nameCard: '', muteUntil: 0, msgSeq: 0, lastSendMsgTime: 0, appMemberDefinedData: {},
  })));
}

/**
 * An AVChatRoom with `connections` audience connections (in a child process, audience-process.ts) and the
 * owner speaking at a fixed rate: copies lost, delivery latency (send to each copy's arrival), and
 * PostToConnection calls per delivered copy (the fan-out combines messages to one connection within
 * `avBatchMs` into one `group.messages` frame).
 */
export const avChatroom: Scenario<Options> = {
  name: 'av-chatroom',
  description: 'AVChatRoom: 10,000 connections in one room, 40 msg/s',
  defaults: { connections: 10_000, rate: 40, durationS: 30 },
  tiny: { connections: 20, rate: 10, durationS: 1 },
  // The owner speaks (High priority: the whole limit; the bench stack sets perSecond 50, BENCH_CONFIG).
  run: (ctx, o) => withShared(ctx, async (s) => {
    const [owner] = userIds('avo', 1);
    await s.importUsers([owner!]);
    const groupId = (await s.restOk('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'bench room', Owner_Account: owner })).GroupId as string;
    const audience = userIds('av', o.connections);
    await seedAudience(s, groupId, audience);
    const speaker = await s.connect(owner!);
    const total = Math.round(o.rate * o.durationS);
    const room = new AudienceProcess();
    room.onProgress = (n) => ctx.log(`av-chatroom: ${n} connected`);
    try {
      const { seconds: connectS, failed } = await room.connect({
        type: 'connect', wsUrl: s.stack.wsUrl, sdkAppId: s.stack.config.sdkAppId, secretKey: s.stack.secrets.secretKey, users: audience, width: 200, total,
      });
      await s.drain();
      const online = o.connections - failed;
      ctx.log(`av-chatroom: ${online} connected in ${connectS.toFixed(1)} s (${failed} failed); ${total} messages at ${o.rate}/s`);

      s.stack.cost.reset();
      const postsBefore = s.stack.connectionsApi.posts;
      const admitted: number[] = [];
      let dropped = 0;
      let errors = 0;
      const replies: Promise<void>[] = [];
      await paced(o.rate, o.durationS * 1000, (n) => {
        const i = n + 1;
        const text = `av ${i} ${(performance.timeOrigin + performance.now()).toFixed(1)}`;
        replies.push(speaker.request('group.send', { GroupId: groupId, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }], Random: i }).then((r) => {
          if (r.ErrorCode !== 0) errors++;
          else if (r.data?.MsgDropReason) dropped++;
          else admitted.push(i);
        }));
      });
      await Promise.all(replies);
      const expected = admitted.length * online;
      // A backlog drains slowly on 2 cores: wait while copies keep arriving, give up after 20 s without progress.
      let seen = -1;
      let lastProgress = Date.now();
      for (;;) {
        const { copies } = await room.status();
        if (copies >= expected || Date.now() - lastProgress > 20_000) break;
        if (copies > seen) { seen = copies; lastProgress = Date.now(); }
        await sleep(250);
      }
      await s.drain();
      const posts = s.stack.connectionsApi.posts - postsBefore;
      const r = await room.report();
      const cost = costFigure(s.stack, 'delivered copy', r.copies, { websocketIn: total, outbound: r.copies, invocations: total, storedMessages: 0 });
      const copiesPerPost = posts > 0 ? round(r.copies / posts, 2) : 0;
      // Per admitted message: a send that timed out at the client may still be delivered, and must not hide a loss.
      const lost = admitted.reduce((t, i) => t + Math.max(0, online - (r.got[i] ?? 0)), 0);
      return {
        scenario: 'av-chatroom', options: o,
        metrics: {
          connected: online, connectPerS: round(online / connectS), sent: total, admitted: admitted.length, droppedByFrequencyControl: dropped, errors,
          deliveredCopies: r.copies, lostCopies: lost, messagesNotReachingEveryone: admitted.filter((i) => (r.got[i] ?? 0) < online).length,
          framesReceived: r.frames, postToConnectionCalls: posts, copiesPerPost,
          deliveryP50Ms: r.p50, deliveryP99Ms: r.p99, deliveryMaxMs: r.max,
        },
        cost,
        targets: [
          atLeast(`AVChatRoom copies per PostToConnection at ${o.rate} msg/s`, 10, copiesPerPost, 'copies'),
          atMost(`AVChatRoom ${o.connections} connections: lost copies`, 0, lost, 'copies'),
          atMost(`AVChatRoom ${o.connections} connections: delivery p99`, 2000, r.p99, 'ms'),
        ],
        notes: failed ? [`${failed} connections failed to open`] : [],
      };
    } finally {
      await room.close();
      await speaker.close();
    }
  }),
};
