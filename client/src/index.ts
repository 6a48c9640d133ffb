export { ImClient, type ImClientOptions, type ImClientEvents, type Conversation, type ConnectionState, type ServerEvent, type Platform } from './im-client.js';
export { ImConnection, type ImConnectionOptions, type ConnectionEvents } from './connection.js';
export type { ImMessage } from './message-sync.js';
export type { ReceiptTarget } from './im-client.js';
export type * from './protocol.js';
export { ImRequestError, ImTimeoutError, ImConnectionError } from './errors.js';
export { MemorySyncStorage, localStorageSync, type SyncStorage } from './sync-storage.js';
export type { SocketFactory, SocketLike } from './socket.js';
export * from './elements.js';
