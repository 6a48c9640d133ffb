/**
 * Every DynamoDB table, declared once. The CDK stack and the local runner both
 * create tables from these definitions; handlers learn the deployed names from
 * the environment variable named in `envVar`.
 *
 * Pure data: nothing here may import the AWS SDK or CDK.
 */
export type KeyType = 'S' | 'N';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
}

export interface TableDefinition {
  /** Logical id in the stack, and the suffix of the local table name. */
  id: string;
  envVar: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
  /** Attribute holding a unix-seconds expiry; DynamoDB deletes the item some time after it. */
  timeToLiveAttribute?: string;
  globalSecondaryIndexes?: IndexDefinition[];
  /** A DynamoDB stream of the table's changes, with the new item image (the message-log archiver reads it). */
  stream?: 'NEW_IMAGE';
  description: string;
}

const pk: KeyDefinition = { name: 'pk', type: 'S' };
const sk: KeyDefinition = { name: 'sk', type: 'S' };

export const usersTable = {
  id: 'Users',
  envVar: 'IM_TABLE_USERS',
  partitionKey: pk,
  sortKey: sk,
  description: 'Accounts and everything keyed by one user: profile, friends, blocklist, friend requests, conversations.',
} as const satisfies TableDefinition;

export const connectionsTable = {
  id: 'Connections',
  envVar: 'IM_TABLE_CONNECTIONS',
  partitionKey: pk,
  sortKey: sk,
  timeToLiveAttribute: 'ttl',
  description: 'Open WebSocket connections per user; expire by TTL after API Gateway\'s 2-hour connection limit.',
} as const satisfies TableDefinition;

export const groupsTable = {
  id: 'Groups',
  envVar: 'IM_TABLE_GROUPS',
  partitionKey: pk,
  sortKey: sk,
  globalSecondaryIndexes: [
    { indexName: 'byMember', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    // Sparse: only member items that may need an offline push (not marked without a push device) carry `pushPk`.
    { indexName: 'byPushCandidate', partitionKey: { name: 'pushPk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
  ],
  description: 'Groups, their members and pending applications; byMember lists the groups a user joined; byPushCandidate the members an offline push must look up.',
} as const satisfies TableDefinition;

export const messagesTable = {
  id: 'Messages',
  envVar: 'IM_TABLE_MESSAGES',
  partitionKey: pk,
  sortKey: sk,
  timeToLiveAttribute: 'ttl',
  // Inserted messages flow to the message-log archive (functions/history) without a write on the send path.
  stream: 'NEW_IMAGE',
  description: 'Messages per conversation ordered by MsgSeq, the SEQ counters, and send de-duplication markers; kept for the retention period by TTL.',
} as const satisfies TableDefinition;

export const tables: readonly TableDefinition[] = [usersTable, connectionsTable, groupsTable, messagesTable];
