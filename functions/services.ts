import type { Clock } from './shared/runtime.js';
import type { AccountStore } from './accounts/account-store.js';
import type { ConnectionStore } from './connections/connection-store.js';
import type { ConnectionGateway } from './connections/connection-gateway.js';
import type { Webhooks } from './webhooks/webhooks.js';
import type { GroupCount, GroupStore } from './groups/group-store.js';
import type { ProfileStore } from './profile/profile-store.js';
import type { SnsStore } from './sns/sns-store.js';
import type { PushGateway } from './push/push-gateway.js';
import type { PushApplications } from './push/push-applications.js';
import type { PushQueue } from './push/push-queue.js';
import type { BroadcastStore } from './broadcast/broadcast-store.js';
import type { C2cStore } from './c2c/c2c-store.js';
import type { RelationshipChecks } from './sns/relationships.js';
import type { GroupMessageStore } from './groupmsg/groupmsg-store.js';
import type { GroupFanOutQueue } from './groupmsg/fan-out-queue.js';
import type { RateCounter } from './shared/rest/rate-counter.js';
import type { GroupAttributeStore } from './groupattrs/group-attr-store.js';
import type { PinnedMessageStore } from './groupmsg/pinned-store.js';
import type { MessageExtensionStore } from './msgext/extension-store.js';
import type { TopicStore } from './topics/topic-store.js';
import type { PermissionGroupStore } from './topics/permission-store.js';
import type { OfficialAccountStore } from './official/official-store.js';

/**
 * Every store and client the domain knows, by name: a catalog to pick from, never built whole in a Lambda.
 * Domain functions take `Pick<ServiceCatalog, ...>` of what they use; each Lambda's services
 * (functions/<feature>/services.ts) are the union of what its routes use, and its services-aws.ts builds only those.
 */
export interface ServiceCatalog {
  clock: Clock;
  accounts: AccountStore;
  connections: ConnectionStore;
  gateway: ConnectionGateway;
  /** Third-party callbacks to the app backend (spec §6). */
  webhooks: Webhooks;
  /** Groups, members, applications (functions/groups). */
  groups: GroupStore;
  /** The group count alone, without the rest of the group store (openconfigsvr/getappinfo). */
  groupCount: GroupCount;
  /** User profiles (PROFILE items). */
  profiles: ProfileStore;
  /** The relationship chain: friends, blocklist, friend requests, friend lists. */
  sns: SnsStore;
  /** Offline push (SNS mobile push). */
  push: PushGateway;
  /** SNS platform applications by push platform and business ID. */
  pushApplications: PushApplications;
  /** Offline pushes waiting for the push worker (SQS). */
  pushQueue: PushQueue;
  /** all_member_push: attribute names, users' push attributes and tags, broadcasts, the daily quota. */
  broadcast: BroadcastStore;
  /** One-to-one messages, conversation state, conversation lists, global mute (functions/c2c). */
  c2c: C2cStore;
  /** What sends ask of the relationship chain (blocklist, friends), read-only. */
  relationships: RelationshipChecks;
  /** Group messages: SEQ and frequency window, messages, mutes, read positions, the online index (functions/groupmsg). */
  groupMessages: GroupMessageStore;
  /** Large group deliveries handed to fan-out workers (inline in this process when no queue is configured). */
  groupFanOut: GroupFanOutQueue;
  /** Group attributes and counters (functions/groupattrs). */
  groupAttributes: GroupAttributeStore;
  /** Pinned group messages (functions/groupmsg/pinned-*.ts). */
  pinnedMessages: PinnedMessageStore;
  /** Key-value extensions of C2C and group messages (functions/msgext). */
  messageExtensions: MessageExtensionStore;
  /** Community topics and members' read positions in them (functions/topics). */
  topics: TopicStore;
  /** Community permission groups, their members and topic permissions (functions/topics). */
  permissionGroups: PermissionGroupStore;
  /** Official accounts and their subscribers (functions/official). */
  officialAccounts: OfficialAccountStore;
  /** App-wide per-second counters of the REST frequency limits (spec §1.5). */
  rates: RateCounter;
}

/**
 * A few operations of one store of the catalog: `Uses<'groupMessages', 'online' | 'putMessage'>` is what a domain
 * function or a Lambda asks of it, so a Lambda may build a narrow view (functions/aws-services.ts) in place of the
 * whole store, and a view that lacks an operation a route calls is a compile error.
 */
export type Uses<S extends keyof ServiceCatalog, M extends keyof ServiceCatalog[S]> = { [P in S]: Pick<ServiceCatalog[S], M> };
