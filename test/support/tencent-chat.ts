import { afterAll, afterEach, beforeAll } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from './stack.js';
import { ChatSDK, EVENT, type ChatEvent } from '../../client/src/tencent/index.js';
import { officialUserSig } from './usersigs.js';

/**
 * One app user on the `@tencentcloud/chat`-compatible SDK. In a page an app calls `TencentCloudChat.create` (one
 * instance per SDKAppID); a test plays several users in one process, so each gets a `ChatSDK` of its own.
 */
export interface ChatUser {
  chat: ChatSDK;
  userID: string;
  /** Every event the SDK emitted, in order. */
  events: ChatEvent[];
  /** Resolves with the first event named `name` (emitted from now on, or already) whose data passes `test`. */
  next<T = unknown>(name: string, test?: (data: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function chatUser(stack: LocalStack, userID: string): ChatUser {
  const chat = new ChatSDK({ SDKAppID: stack.config.sdkAppId, serverURL: stack.wsUrl, clientOptions: { reconnectBaseMs: 50, reconnectMaxMs: 200, requestTimeoutMs: 5000 } });
  const events: ChatEvent[] = [];
  for (const name of Object.values(EVENT)) chat.on(name, (e) => events.push(e));
  const next = <T>(name: string, test: (data: T) => boolean = () => true, timeoutMs = 8000) => new Promise<T>((resolve, reject) => {
    const seen = events.find((e) => e.name === name && test(e.data as T));
    if (seen) return resolve(seen.data as T);
    const timer = setTimeout(() => { chat.off(name, handler); reject(new Error(`${userID}: no ${name} in ${timeoutMs} ms`)); }, timeoutMs);
    const handler = (e: ChatEvent) => {
      if (!test(e.data as T)) return;
      clearTimeout(timer);
      chat.off(name, handler);
      resolve(e.data as T);
    };
    chat.on(name, handler);
  });
  return { chat, userID, events, next };
}

/** Logged in and SDK_READY. */
export async function readyUser(stack: LocalStack, userID: string): Promise<ChatUser> {
  const user = chatUser(stack, userID);
  await user.chat.login({ userID, userSig: officialUserSig(userID) });
  await user.next(EVENT.SDK_READY);
  return user;
}

/**
 * A test file's stack and its chat users: one local stack for the file (multi-device policy `multi` with 4 Web instances, so a user may
 * be logged in twice; `config` adds app settings), every user destroyed after each test.
 */
export function chatSuite(config: Parameters<typeof startTestStack>[0] = {}) {
  let stack: LocalStack | undefined;
  const users: ChatUser[] = [];
  beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: { Web: 4 } }, ...config }); });
  afterAll(async () => { await stack?.stop(); });
  afterEach(async () => { await Promise.all(users.splice(0).map((u) => u.chat.destroy())); });
  const current = () => { if (!stack) throw new Error('the stack is not started'); return stack; };
  return {
    stack: current,
    /** A new user (id `<prefix><random>`), logged in and SDK_READY. */
    ready: async (prefix: string) => { const u = await readyUser(current(), uniqueId(prefix)); users.push(u); return u; },
    /** A user destroyed after the test like the others. */
    track: (u: ChatUser) => { users.push(u); return u; },
  };
}
