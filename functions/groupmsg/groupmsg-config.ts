import * as z from 'zod/mini';

/** Share of the per-group rate a priority may use before it is dropped (seed 003 "Message Priority and Frequency Control"). */
const share = (dflt: number) => z._default(z.number().check(z.gt(0), z.lte(1)), dflt);

/**
 * Group-message settings (AppConfig.groupMessages). Pure data: config.ts
 * embeds this schema, the groupmsg domain reads the parsed values.
 */
export const groupMessagesConfigSchema = z.prefault(z.object({
  /** Messages admitted per second per group (seed 003: 40), counting every priority. */
  perSecond: z._default(z.int().check(z.gte(1), z.lte(1000)), 40),
  /**
   * Lower priorities are dropped first: a message is admitted while fewer than `perSecond × share`
   * messages were admitted in the current second. High uses the whole limit; the app admin, owners and
   * group admins are exempt from the priority shares (they count as High).
   */
  priorityShares: z.prefault(z.object({ Normal: share(0.8), Low: share(0.6), Lowest: share(0.4) }), {}),
  /** How long a member may recall their own message (10031 after); owners, admins and REST have no limit within retention. */
  recallLimitSeconds: z._default(z.int().check(z.gte(0), z.lte(7 * 86400)), 120),
  /** Group types whose members see messages sent before they joined (seed: Community; Meeting configurable). */
  preJoinHistoryTypes: z._default(z.array(z.enum(['Work', 'Public', 'Meeting', 'Community'])), ['Meeting', 'Community']),
  /** Above this many online connections, a send replies once stored and posts through the fan-out queue. */
  asyncFanoutAbove: z._default(z.int().check(z.gte(1)), 500),
  /** Connections per fan-out job (posted in parallel by one worker invocation). */
  fanoutBatch: z._default(z.int().check(z.gte(1), z.lte(5000)), 500),
  /** AVChatRoom: messages to one connection within this window travel in one `group.messages` frame. */
  avBatchMs: z._default(z.int().check(z.gte(0), z.lte(2000)), 200),
  /**
   * Up to this group size the send looks offline members up itself (one member Query, then a presence Query per
   * member not reached); larger groups hand the pushes to the fan-out worker, `pushPageSize` members per job.
   */
  offlinePushMaxMembers: z._default(z.int().check(z.gte(0), z.lte(6000)), 200),
  /** Members read per offline-push job of a large group (one Query, then one presence Query per member who wants pushes). */
  pushPageSize: z._default(z.int().check(z.gte(1), z.lte(1000)), 200),
}), {});

export type GroupMessagesConfig = z.infer<typeof groupMessagesConfigSchema>;
