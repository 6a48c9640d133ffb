/**
 * Where the client keeps, per conversation, the last MsgSeq it delivered to
 * the app, so a reconnect resumes exactly after it.
 */
export interface SyncStorage {
  get(key: string): string | null | Promise<string | null>;
  set(key: string, value: string): void | Promise<void>;
}

export class MemorySyncStorage implements SyncStorage {
  private readonly values = new Map<string, string>();
  get(key: string): string | null { return this.values.get(key) ?? null; }
  set(key: string, value: string): void { this.values.set(key, value); }
}

/** Browsers: survives reloads. */
export const localStorageSync = (storage: { getItem(k: string): string | null; setItem(k: string, v: string): void }): SyncStorage => ({
  get: (key) => storage.getItem(key),
  set: (key, value) => storage.setItem(key, value),
});
