import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../local/stack.js';
import { bundleClientSdk, TENCENT_ENTRY } from '../../local/demo/sdk-bundle.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { officialUserSig } from '../support/usersigs.js';
import { launchChromium, skipBrowser } from '../support/chromium.js';

const skip = skipBrowser;

/**
 * An app page written as Tencent's Web SDK docs teach it (create, listen, login), with the import left as it is:
 * an import map points `@tencentcloud/chat` at our bundle, as a bundler alias would. The page is served from the
 * stack's origin, so `create({ SDKAppID })` finds our server without our `serverURL` option.
 */
const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{ "imports": { "@tencentcloud/chat": "/tencent-compat/chat.js" } }</script>
<script type="module">
import TencentCloudChat from '@tencentcloud/chat';
const params = new URLSearchParams(location.search);
let options = { SDKAppID: Number(params.get('sdkappid')) };
let chat = TencentCloudChat.create(options);
chat.setLogLevel(0);
window.received = [];
let onMessageReceived = function (event) {
  // event.name - TencentCloudChat.EVENT.MESSAGE_RECEIVED; event.data - an array of Message
  for (const message of event.data) window.received.push(message.payload.text);
};
chat.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, onMessageReceived);
chat.on(TencentCloudChat.EVENT.SDK_READY, function () { document.title = 'ready'; });
window.chat = chat;
window.TencentCloudChat = TencentCloudChat;
await chat.login({ userID: params.get('userID'), userSig: params.get('userSig') });
</script>`;

let stack: LocalStack;
let browser: Browser;
let bundle: string;
beforeAll(async () => {
  if (skip) return;
  [stack, bundle] = await Promise.all([startTestStack(), bundleClientSdk({ minify: true, entry: TENCENT_ENTRY })]);
  // A page fulfilled by Playwright has no address space of its own, so Chromium's local-network checks would block
  // its WebSocket to 127.0.0.1 (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS); a page the stack serves is not blocked.
  browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function appPage(userID: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(`[${userID}] page error`, e));
  await page.route(`${stack.url}/tencent-compat/**`, (route) => route.fulfill(route.request().url().endsWith('/chat.js')
    ? { contentType: 'text/javascript', body: bundle }
    : { contentType: 'text/html', body: PAGE }));
  const query = new URLSearchParams({ sdkappid: String(stack.config.sdkAppId), userID, userSig: officialUserSig(userID) });
  await page.goto(`${stack.url}/tencent-compat/app.html?${query}`);
  await page.waitForFunction(() => document.title === 'ready');
  return page;
}

describe('@tencentcloud/chat-compatible API in headless Chromium', () => {
  it.skipIf(skip)('Tencent-docs-style code sends and receives, lists conversations and pages history, with only the import redirected', async () => {
    const [alice, bob] = [uniqueId('alice'), uniqueId('bob')];
    const a = await appPage(alice);
    const b = await appPage(bob);

    // "Send a message": the docs' createTextMessage / sendMessage, 17 times.
    const sent = await a.evaluate(async (to) => {
      // The page's globals, untyped as in a plain JavaScript app.
      const { chat, TencentCloudChat } = window as unknown as { chat: any; TencentCloudChat: any };
      const results = [];
      for (let i = 1; i <= 17; i++) {
        const message = chat.createTextMessage({ to, conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: `Hello ${i}` } });
        const imResponse = await chat.sendMessage(message);
        results.push([imResponse.code, imResponse.data.message.status]);
      }
      return results;
    }, bob);
    expect(sent).toEqual(Array.from({ length: 17 }, () => [0, 'success']));
    await expect.poll(() => b.evaluate(() => (window as unknown as { received: string[] }).received.length)).toBe(17);
    expect(await b.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual(Array.from({ length: 17 }, (_, i) => `Hello ${i + 1}`));

    // "Get the conversation list" and "pull the message list by page", as the docs show them.
    const seen = await b.evaluate(async (peer) => {
      const { chat } = window as unknown as { chat: any };
      const list = await chat.getConversationList();
      const conversation = list.data.conversationList[0];
      let imResponse = await chat.getMessageList({ conversationID: `C2C${peer}` });
      const pages = [imResponse.data.messageList.map((m: { payload: { text: string } }) => m.payload.text)];
      while (!imResponse.data.isCompleted) {
        imResponse = await chat.getMessageList({ conversationID: `C2C${peer}`, nextReqMessageID: imResponse.data.nextReqMessageID });
        pages.push(imResponse.data.messageList.map((m: { payload: { text: string } }) => m.payload.text));
      }
      await chat.setMessageRead({ conversationID: conversation.conversationID });
      return { id: conversation.conversationID, unread: conversation.unreadCount, pages, total: chat.getTotalUnreadMessageCount() };
    }, alice);
    expect(seen).toMatchObject({ id: `C2C${alice}`, unread: 17, total: 0 });
    expect(seen.pages.map((p) => p.length)).toEqual([15, 2]);
    expect(seen.pages.flat().sort()).toEqual(Array.from({ length: 17 }, (_, i) => `Hello ${i + 1}`).sort());
    expect(seen.pages[1]).toEqual(['Hello 1', 'Hello 2']);
  }, 60_000);

  it.skipIf(skip)('Tencent-docs-style clearHistoryMessage and setMessageRemindType with userIDList', async () => {
    const [alice, bob] = [uniqueId('alice'), uniqueId('bob')];
    const a = await appPage(alice);
    const b = await appPage(bob);
    const send = (text: string) => a.evaluate(async ([to, t]) => {
      const { chat, TencentCloudChat } = window as unknown as { chat: any; TencentCloudChat: any };
      return (await chat.sendMessage(chat.createTextMessage({ to, conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: t } }))).code;
    }, [bob, text] as const);
    expect([await send('one'), await send('two')]).toEqual([0, 0]);
    await expect.poll(() => b.evaluate(() => (window as unknown as { received: string[] }).received.length)).toBe(2);

    const cleared = await b.evaluate(async (peer) => {
      const { chat, TencentCloudChat } = window as unknown as { chat: any; TencentCloudChat: any };
      // "Clear messages": the docs' call, then the list and history as the app reads them.
      const imResponse = await chat.clearHistoryMessage(`C2C${peer}`);
      const history = await chat.getMessageList({ conversationID: `C2C${peer}` });
      const conversation = (await chat.getConversationProfile(`C2C${peer}`)).data.conversation;
      // "Do not disturb": reject the peer's messages.
      const remind = await chat.setMessageRemindType({ userIDList: [peer], messageRemindType: TencentCloudChat.TYPES.MSG_REMIND_DISCARD });
      return { code: imResponse.code, history: history.data.messageList.length, unread: conversation.unreadCount, remind: remind.code };
    }, alice);
    expect(cleared).toEqual({ code: 0, history: 0, unread: 0, remind: 0 });
    expect(await send('three')).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await b.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual(['one', 'two']);
  }, 60_000);
});
