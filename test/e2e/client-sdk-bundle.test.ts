import { describe, expect, it } from 'vitest';
import { bundleClientSdk, TENCENT_ENTRY } from '../../local/demo/sdk-bundle.js';

describe('client SDK browser bundle', () => {
  it('bundles for browsers without server code, zod or the AWS SDK, and stays small', async () => {
    const code = await bundleClientSdk({ minify: true });
    // The README's client quick start states this size; keep both in step. 31 KB until the user status methods
    // (status.*), friend.requests.delete / .read, reads synced across devices and the no-resend rule took it over 32 KB.
    expect(code.length).toBeLessThan(34 * 1024);
    expect(code).not.toMatch(/zod/i);
    expect(code).not.toMatch(/@aws-sdk/);
    expect(code).not.toMatch(/from\s*["']node:|require\(/);
    // Only `ws` is left outside, for Node without a global WebSocket.
    expect([...code.matchAll(/import\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['ws']);
    expect(code).toMatch(/export\s*\{[^}]*\bImClient\b/);
  });

  it('bundles the @tencentcloud/chat-compatible entry the same way, with its default export', async () => {
    const code = await bundleClientSdk({ minify: true, entry: TENCENT_ENTRY });
    // client/src/tencent/README.md states this size; keep both in step. 102 KB until user status (getUserStatus,
    // setSelfStatus, subscriptions and USER_STATUS_UPDATED: 1.7 KB), deleteFriendApplication, setFriendApplicationRead and
    // updateFriend's friendCustomField, FRIEND_GROUP_LIST_UPDATED and friend.updated (1 KB): 106,074 bytes; then
    // clearHistoryMessage, setMessageRemindType with userIDList and getMessageList('@TIM#SYSTEM') (2.4 KB): 108,529 bytes.
    expect(code.length).toBeLessThan(108 * 1024);
    expect(code).not.toMatch(/zod/i);
    expect(code).not.toMatch(/@aws-sdk/);
    expect(code).not.toMatch(/from\s*["']node:|require\(/);
    expect([...code.matchAll(/import\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['ws']);
    expect(code).toMatch(/export\s*\{[^}]*\bas default\b/);
  });
});
