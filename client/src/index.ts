export { ImClient, type ImClientOptions, type ImClientEvents, type ConnectionState, type ServerEvent, type Platform } from './im-client.js';
export { ImRequestError, ImTimeoutError, ImConnectionError } from './errors.js';
export { MemorySyncStorage, localStorageSync, type SyncStorage } from './sync-storage.js';
export type { SocketFactory, SocketLike } from './socket.js';
export * from './elements.js';
