import type { AppConfig } from '../shared/config.js';
import type { Feature } from '../shared/features.js';
import { logger } from '../shared/logger.js';
import { eventFrame, MAX_FRAME_BYTES } from '../shared/ws/frames.js';
import { postToConnections, type FanOutServices } from './fan-out.js';
import type { OnlineConnection } from './groupmsg-store.js';
import { isPushPageJob, runPushPage, runPushPagesInline, type PushPageJob, type PushPageServices } from './push-pages.js';
import { containerFields } from '../topics/topic-ids.js';
import { queueMessageBody } from '../shared/queue-message-body.js';

/** One slice of a large delivery: a message and up to `fanoutBatch` connections of the online index. */
export interface FanOutJob {
  groupId: string;
  groupType: string;
  /** `group.message` (default), `group.tip`, or another group event (GROUP_EVENTS). */
  event?: 'group.message' | 'official.message' | GroupEventName;
  /** The event's data. */
  data: Record<string, unknown>;
  connections: OnlineConnection[];
}

/** What the fan-out queue carries: slices of a delivery, and pages of a large group's offline pushes. */
export type FanOutMessage = FanOutJob | PushPageJob;

/** Events to a group's online members that are not messages: one per frame, never combined. */
export const GROUP_EVENTS = ['group.tip', 'group.attributes.changed', 'group.counters.changed', 'group.message.pinned', 'message.modified', 'message.extensions.changed'] as const;
export type GroupEventName = typeof GROUP_EVENTS[number];

/**
 * Messages for one connection travel together as `group.messages` (docs/websocket.md); other events always one per frame.
 * Official-account broadcasts (functions/official) combine the same way as `official.messages` `{Official_Account, Messages}`.
 */
const COMBINED: Record<'group.message' | 'official.message' | GroupEventName, readonly [string, string, string?] | undefined> = {
  'group.message': ['group.messages', 'Messages'], 'official.message': ['official.messages', 'Messages', 'Official_Account'], 'group.tip': undefined, 'group.attributes.changed': undefined, 'group.counters.changed': undefined,
  'group.message.pinned': undefined, 'message.modified': undefined, 'message.extensions.changed': undefined,
};

/**
 * Hands large deliveries to asynchronous workers. `inline` runs them in this process after the reply (the local
 * stack, and AWS until a queue is configured); a queue implementation sends each job as one message.
 */
export interface GroupFanOutQueue {
  readonly mode: 'inline' | 'queue';
  /** `groupMessages.avBatchMs` and `fanoutBatch` of the app configuration. */
  readonly settings: FanOutSettings;
  enqueue(jobs: readonly FanOutMessage[]): Promise<void>;
}

export type FanOutSettings = Pick<AppConfig['groupMessages'], 'avBatchMs' | 'fanoutBatch' | 'asyncFanoutAbove'>;

/**
 * A large group's offline pushes: the first page goes to the fan-out queue (the worker reads the members), or runs
 * in this process after the reply without a queue.
 */
export async function enqueuePushPages(
  services: PushPageServices & { groupFanOut: GroupFanOutQueue }, config: Pick<AppConfig, 'groupMessages' | 'heartbeatTimeoutSeconds'>, job: PushPageJob,
): Promise<void> {
  if (services.groupFanOut.mode === 'queue') {
    await services.groupFanOut.enqueue([job]);
    return;
  }
  void runPushPagesInline(services, config, job);
}

export const inlineFanOut = (settings: FanOutSettings): GroupFanOutQueue =>
  ({ mode: 'inline', settings, enqueue: async () => {} });

/**
 * Per-connection combining for AVChatRoom: messages for one connection within `windowMs` travel in one
 * `group.messages` frame (`{GroupId, Messages: [...]}`); a single message keeps the `group.message` frame.
 */
export class ConnectionBatcher {
  private readonly pending = new Map<string, { connection: OnlineConnection; groupId: string; event: keyof typeof COMBINED; messages: Array<Record<string, unknown>> }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly services: FanOutServices, private readonly windowMs: number, private readonly batch: number) {}

  add(job: FanOutJob): void {
    for (const c of job.connections) {
      const event = job.event ?? 'group.message';
      const key = `${job.groupId}\n${event}\n${c.connectionId}`;
      const entry = this.pending.get(key) ?? { connection: c, groupId: job.groupId, event, messages: [] };
      entry.messages.push(job.data);
      this.pending.set(key, entry);
    }
    this.timer ??= setTimeout(() => { this.timer = undefined; this.flushing = this.flushing.then(() => this.flush()); }, this.windowMs);
  }

  /** Posts everything pending: one PostToConnection per connection. */
  async flush(): Promise<void> {
    const entries = [...this.pending.values()];
    this.pending.clear();
    const byFrame = new Map<string, { groupId: string; frame: string; connections: OnlineConnection[] }>();
    for (const e of entries) {
      const combined = COMBINED[e.event];
      const frames = e.messages.length === 1 || !combined
        ? e.messages.map((m) => eventFrame(e.event, m))
        : combinedFrames(e.groupId, e.event, combined, e.messages);
      for (const frame of frames) {
        const group = byFrame.get(frame) ?? { groupId: e.groupId, frame, connections: [] };
        group.connections.push(e.connection);
        byFrame.set(frame, group);
      }
    }
    await Promise.all([...byFrame.values()].map((g) => postToConnections(this.services, g.groupId, g.connections, g.frame, this.batch)
      .catch((error: unknown) => logger.error('group fan-out failed', { error, groupId: g.groupId }))));
  }

  /** Resolves when nothing is pending or being posted (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.timer || this.pending.size > 0) await new Promise((r) => setTimeout(r, this.windowMs));
    await this.flushing;
  }
}

/**
 * Combined frames of at most MAX_FRAME_BYTES each: API Gateway bills a WebSocket message per 32 KB and refuses a
 * PostToConnection over 128 KB, so a busy room's window is split rather than sent as one oversized frame.
 * A run of one message keeps its single-message frame.
 */
export function combinedFrames(
  groupId: string, single: string, combined: readonly [string, string, string?], messages: ReadonlyArray<Record<string, unknown>>,
): string[] {
  const idField = combined[2] ?? 'GroupId';
  const idOf = () => (idField === 'GroupId' ? containerFields(groupId) : { [idField]: groupId });
  const envelope = Buffer.byteLength(eventFrame(combined[0], { ...idOf(), [combined[1]]: [] }), 'utf8');
  const runs: Array<Array<Record<string, unknown>>> = [];
  let run: Array<Record<string, unknown>> = [];
  let bytes = envelope;
  for (const m of messages) {
    const size = Buffer.byteLength(JSON.stringify(m), 'utf8') + 1; // the comma
    if (run.length > 0 && bytes + size > MAX_FRAME_BYTES) {
      runs.push(run);
      run = [];
      bytes = envelope;
    }
    run.push(m);
    bytes += size;
  }
  if (run.length > 0) runs.push(run);
  return runs.map((r) => r.length === 1 ? eventFrame(single, r[0]!) : eventFrame(combined[0], { ...idOf(), [combined[1]]: r }));
}

const batchers = new WeakMap<object, ConnectionBatcher>();
/** The process's batcher for these services (one per local stack / Lambda container). */
export function batcherFor(services: FanOutServices, settings: GroupFanOutQueue['settings']): ConnectionBatcher {
  let b = batchers.get(services.gateway);
  if (!b) {
    b = new ConnectionBatcher(services, settings.avBatchMs, settings.fanoutBatch);
    batchers.set(services.gateway, b);
  }
  return b;
}

export function sliceJob(job: FanOutJob, size: number): FanOutJob[] {
  const out: FanOutJob[] = [];
  for (let i = 0; i < job.connections.length; i += size) out.push({ ...job, connections: job.connections.slice(i, i + size) });
  return out;
}

/**
 * Large and AVChatRoom deliveries: sliced into jobs of `fanoutBatch` connections. With a queue they are sent to the
 * fan-out workers; inline they go to this process's batcher (AVChatRoom: combined per connection within
 * `avBatchMs`) or are posted right away in parallel slices, without holding up the reply.
 */
export async function enqueueFanOut(services: FanOutServices & { groupFanOut: GroupFanOutQueue }, job: FanOutJob): Promise<void> {
  const { settings } = services.groupFanOut;
  const jobs = sliceJob(job, settings.fanoutBatch);
  if (services.groupFanOut.mode === 'queue') {
    await services.groupFanOut.enqueue(jobs);
    return;
  }
  const combinable = (job.groupType === 'AVChatRoom' && (job.event ?? 'group.message') === 'group.message') || job.event === 'official.message';
  if (combinable && settings.avBatchMs > 0) {
    const batcher = batcherFor(services, settings);
    for (const j of jobs) batcher.add(j);
    return;
  }
  const frame = eventFrame(job.event ?? 'group.message', job.data);
  void Promise.all(jobs.map((j) => postToConnections(services, j.groupId, j.connections, frame, settings.fanoutBatch)))
    .catch((error: unknown) => logger.error('group fan-out failed', { error, groupId: job.groupId }));
}

/**
 * The fan-out worker: an SQS batch of jobs, combined per connection for AVChatRoom (the batching window is the
 * queue's); push pages run alongside, each queueing the next page before its presence look-ups.
 */
export async function runFanOutJobs(
  services: FanOutServices & PushPageServices & { groupFanOut: GroupFanOutQueue }, config: AppConfig, jobs: readonly FanOutMessage[],
): Promise<void> {
  const batcher = new ConnectionBatcher(services, 0, config.groupMessages.fanoutBatch);
  const pages: PushPageJob[] = [];
  for (const j of jobs) {
    if (isPushPageJob(j)) pages.push(j);
    else batcher.add(j);
  }
  await Promise.all([
    batcher.flush(),
    ...pages.map((p) => runPushPage(services, config, p, (next) => services.groupFanOut.enqueue([next]))
      .then((outcome) => logger.info('group push page done', { groupId: p.groupId, ...outcome, lagMs: services.clock() - p.enqueuedAt }))
      .catch((error: unknown) => logger.error('group push page failed', { error, groupId: p.groupId, start: p.start }))),
  ]);
}

/** Pure data for the stack and the local runner: the fan-out queue's URL variable, local name and consumer Lambda. */
export const GROUP_FANOUT_QUEUE = {
  envVar: 'IM_GROUP_FANOUT_QUEUE_URL',
  localName: 'im-group-fanout',
  consumer: 'groupfanout',
} as const satisfies { envVar: string; localName: string; consumer: Feature };

export const encodeFanOutJob = (job: FanOutMessage): string => queueMessageBody(job);

export function parseFanOutJob(body: string): FanOutMessage {
  const value: unknown = JSON.parse(body);
  if (isPushPageJob(value)) {
    if (typeof value.groupId !== 'string' || !Array.isArray(value.msgBody) || typeof value.sender?.userId !== 'string') throw new Error('not a group push page');
    return value;
  }
  const job = value as FanOutJob;
  if (typeof job.groupId !== 'string' || !Array.isArray(job.connections) || typeof job.data !== 'object') throw new Error('not a group fan-out job');
  return job;
}
