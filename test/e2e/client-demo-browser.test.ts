import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { CHROMIUM, launchChromium, skipBrowser } from '../support/chromium.js';
import { rest } from '../support/rest-client.js';
import { newUsers } from '../support/groups.js';

const skip = skipBrowser;
if (skip) console.warn(`client demo browser test skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  if (skip) return;
  stack = await startTestStack();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A browser tab of its own (separate localStorage) logged in to the demo as `user`. */
async function tab(user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(`[${user}] page error`, e));
  await page.goto(`${stack.url}/demo?user=${user}`);
  await page.locator(`#me[data-user="${user}"]`).waitFor();
  await page.locator('#status', { hasText: 'connected' }).waitFor();
  return page;
}
const bubbles = (page: Page) => page.locator('#messages li .bubble').allTextContents();
const sendText = async (page: Page, text: string) => {
  await page.fill('#send input[name=text]', text);
  await page.click('#send button[type=submit]');
};

/** A tab on the demo's page written from Tencent's Web SDK docs (local/demo/tencent-app.js), logged in as `userID` and SDK_READY. */
async function tencentTab(userID: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(`[${userID}] page error`, e));
  await page.goto(`${stack.url}/demo/tencent?userID=${userID}`);
  await page.locator(`#me[data-user="${userID}"]`).waitFor();
  return page;
}
const submit = async (page: Page, form: string, field: string, value: string) => {
  await page.fill(`${form} input[name=${field}]`, value);
  await page.click(`${form} button[type=submit]`);
};

describe('browser chat demo (headless Chromium)', () => {
  it.skipIf(skip)('two tabs chat one-to-one with unread badges, and a reload still shows the history', async () => {
    const [alice, bob] = [uniqueId('alice'), uniqueId('bob')];
    const a = await tab(alice);
    const b = await tab(bob);

    await a.fill('#open-c2c input[name=peer]', bob);
    await a.click('#open-c2c button[type=submit]');
    await sendText(a, 'hi bob');
    await a.locator('#messages li[data-seq="1"].self').waitFor();
    await sendText(a, 'are you there?');
    await a.locator('#messages li[data-seq="2"]').waitFor();

    // Bob sees the conversation with an unread badge, opens it, and the badge goes.
    const conversation = b.locator(`#conversations li[data-conversation="C2C${alice}"]`);
    await expect.poll(() => conversation.locator('.badge').textContent(), { timeout: 5000 }).toBe('2');
    await conversation.click();
    await b.locator('#messages li[data-seq="2"]').waitFor();
    expect(await bubbles(b)).toEqual([`${alice}: hi bob`, `${alice}: are you there?`]);
    await expect.poll(() => conversation.locator('.badge').textContent(), { timeout: 5000 }).toBe('');

    await sendText(b, 'yes!');
    await a.locator('#messages li[data-seq="3"]').waitFor();
    expect(await bubbles(a)).toEqual(['hi bob', 'are you there?', `${bob}: yes!`]);

    // A reload logs in again (same localStorage) and the history is still there.
    await a.reload();
    await a.locator(`#me[data-user="${alice}"]`).waitFor();
    await a.locator(`#conversations li[data-conversation="C2C${bob}"]`).click();
    await a.locator('#messages li[data-seq="3"]').waitFor();
    expect(await bubbles(a)).toEqual(['hi bob', 'are you there?', `${bob}: yes!`]);
    expect(await a.locator('#error').textContent()).toBe('');
  });

  it.skipIf(skip)('two tabs chat in a group: one creates it, the other joins by id', async () => {
    const [carol, dave, groupId] = [uniqueId('carol'), uniqueId('dave'), uniqueId('g')];
    const c = await tab(carol);
    const d = await tab(dave);
    await c.fill('#open-group input[name=group]', groupId);
    await c.click('#create-group');
    await c.locator(`#title[data-conversation="GROUP${groupId}"]`).waitFor();
    await d.fill('#open-group input[name=group]', groupId);
    await d.click('#open-group button[type=submit]');
    await d.locator(`#title[data-conversation="GROUP${groupId}"]`).waitFor();
    await sendText(c, 'welcome');
    await d.locator('#messages li .bubble', { hasText: `${carol}: welcome` }).waitFor();
    await sendText(d, 'thanks');
    await c.locator('#messages li .bubble', { hasText: `${dave}: thanks` }).waitFor();
    expect(await c.locator('#error').textContent()).toBe('');
    expect(await d.locator('#error').textContent()).toBe('');
  });

  it.skipIf(skip)('a Community with two topics: each topic its own conversation, a newcomer joins by the Community id and chats in a topic', async () => {
    const [erin, frank] = [uniqueId('erin'), uniqueId('frank')];
    const e = await tab(erin);
    const f = await tab(frank);
    await e.click('#create-community');
    await e.locator('#title[data-conversation$="@TOPIC#_general"]').waitFor();
    const communityId = await e.inputValue('#open-group input[name=group]');
    expect(communityId).not.toBe('');
    const [general, random] = [`${communityId}@TOPIC#_general`, `${communityId}@TOPIC#_random`];
    expect(await e.locator('#title').textContent()).toBe(`topic general of ${communityId}`);
    // The random topic got its first message at creation: it is listed as a conversation of its own.
    await e.locator(`#conversations li[data-conversation="GROUP${random}"]`).waitFor();

    // Frank joins the Community through a topic id and reads that topic's history.
    await f.fill('#open-group input[name=group]', random);
    await f.click('#open-group button[type=submit]');
    await f.locator(`#title[data-conversation="GROUP${random}"]`).waitFor();
    await f.locator('#messages li .bubble', { hasText: `${erin}: the random topic` }).waitFor();
    // Then the general topic by its id: a message there reaches Erin's open general conversation, not random.
    await f.fill('#open-group input[name=group]', general);
    await f.click('#open-group button[type=submit]');
    await f.locator(`#title[data-conversation="GROUP${general}"]`).waitFor();
    await sendText(f, 'hello general');
    await e.locator('#messages li .bubble', { hasText: `${frank}: hello general` }).waitFor();
    await e.locator(`#conversations li[data-conversation="GROUP${random}"]`).click();
    await e.locator(`#title[data-conversation="GROUP${random}"]`).waitFor();
    await e.locator('#messages li .bubble', { hasText: 'the random topic' }).waitFor();
    expect(await bubbles(e)).not.toContain(`${frank}: hello general`);
    expect(await e.locator('#error').textContent()).toBe('');
    expect(await f.locator('#error').textContent()).toBe('');
  });

  it.skipIf(skip)('subscribes to an official account: its broadcasts come live with an unread badge, history is there after a reload', async () => {
    const [owner] = await newUsers(stack, 1, 'oaowner');
    const account = `@TOA#_demo${Date.now().toString(36)}`;
    const oa = (command: string, body: unknown) => rest(stack, `official_account_open_http_svc/${command}`, body);
    expect(await oa('create_official_account', { Owner_Account: owner, Name: 'Demo News', OfficialAccountUserID: account })).toMatchObject({ ErrorCode: 0 });
    // Tencent's limit is one broadcast a second per account (10023): on a quick machine the page is ready within the
    // first broadcast's second, so the next one waits for the next second.
    let lastMsgTime = 0;
    const publish = async (Text: string) => {
      while (Math.floor(Date.now() / 1000) <= lastMsgTime) await new Promise((r) => setTimeout(r, 50));
      const reply = await oa('send_official_account_msg', { Official_Account: account, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text } }] });
      expect(reply).toMatchObject({ ErrorCode: 0 });
      lastMsgTime = reply.MsgTime as number;
    };
    await publish('before you came');

    const gina = uniqueId('gina');
    const g = await tab(gina);
    await g.fill('#subscribe input[name=account]', account);
    await g.click('#subscribe button[type=submit]');
    await g.locator(`#title[data-conversation="C2C${account}"]`).waitFor();
    expect(await g.locator('#title').textContent()).toBe('official account Demo News');
    await g.locator('#messages li .bubble', { hasText: `${account}: before you came` }).waitFor();

    // Another conversation is open: a broadcast shows as a badge on the account's row, and opening it reads it.
    await g.fill('#open-c2c input[name=peer]', owner!);
    await g.click('#open-c2c button[type=submit]');
    await publish('breaking news');
    const row = g.locator(`#conversations li[data-conversation="C2C${account}"]`);
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 5000 }).toBe('1');
    expect(await row.locator('span').first().textContent()).toBe('📢 Demo News');
    await row.click();
    await g.locator('#messages li .bubble', { hasText: `${account}: breaking news` }).waitFor();
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 5000 }).toBe('');

    // The read position is the server's: after a reload the row is listed without a badge and the history is there.
    await g.reload();
    await g.locator(`#me[data-user="${gina}"]`).waitFor();
    await expect.poll(() => row.count(), { timeout: 5000 }).toBe(1);
    expect(await row.locator('.badge').textContent()).toBe('');
    await row.click();
    await g.locator('#messages li .bubble', { hasText: `${account}: breaking news` }).waitFor();
    expect(await bubbles(g)).toEqual([`${account}: before you came`, `${account}: breaking news`]);
    await sendText(g, 'hello?');
    await expect.poll(() => g.locator('#error').textContent()).toBe('Error: an official account only broadcasts here');
  });

  it.skipIf(skip)('the page written from Tencent\'s Web SDK docs (/demo/tencent) chats one-to-one with unread counts and history pages, then in a group it created and joined', async () => {
    const [alice, bob] = [uniqueId('alice'), uniqueId('bob')];
    const a = await tencentTab(alice);
    const b = await tencentTab(bob);
    await expect.poll(() => a.locator('#net').textContent()).toBe('connected');

    await submit(a, '#open-c2c', 'userID', bob);
    await a.locator(`#title[data-conversation="C2C${bob}"]`).waitFor();
    const texts = Array.from({ length: 16 }, (_, i) => `m${i + 1}`);
    for (const text of texts) {
      await submit(a, '#send', 'text', text);
      await a.locator('#messages li.out .bubble', { hasText: new RegExp(`^${text}$`) }).waitFor();
    }

    // Bob's conversation list (CONVERSATION_LIST_UPDATED) shows 16 unread; opening it shows the last page of 15.
    const conversation = b.locator(`#conversations li[data-conversation="C2C${alice}"]`);
    await expect.poll(() => conversation.locator('.badge').textContent(), { timeout: 8000 }).toBe('16');
    await conversation.click();
    await expect.poll(() => bubbles(b)).toEqual(texts.slice(1).map((t) => `${alice}: ${t}`));
    await expect.poll(() => conversation.locator('.badge').textContent(), { timeout: 8000 }).toBe('');
    // "Load earlier messages": getMessageList with nextReqMessageID, until isCompleted.
    await b.click('#more');
    await expect.poll(() => bubbles(b)).toEqual(texts.map((t) => `${alice}: ${t}`));
    await expect.poll(() => b.locator('#more').isHidden()).toBe(true);

    await submit(b, '#send', 'text', 'hi alice');
    await a.locator('#messages li.in .bubble', { hasText: `${bob}: hi alice` }).waitFor();

    // A Public group created on Alice's page, joined from Bob's.
    await submit(a, '#create-group', 'name', 'Team');
    await a.locator('#title[data-conversation^="GROUP"]').waitFor();
    const groupID = (await a.locator('#title').getAttribute('data-conversation'))!.slice('GROUP'.length);
    await submit(b, '#join-group', 'groupID', groupID);
    await b.locator(`#title[data-conversation="GROUP${groupID}"]`).waitFor();
    await submit(a, '#send', 'text', 'hello team');
    await b.locator('#messages li.in .bubble', { hasText: `${alice}: hello team` }).waitFor();
    await submit(b, '#send', 'text', 'hello back');
    await a.locator('#messages li.in .bubble', { hasText: `${bob}: hello back` }).waitFor();
    await expect.poll(() => a.locator(`#conversations li[data-conversation="GROUP${groupID}"]`).textContent()).toContain('# Team');
    expect(await b.locator('#error').textContent()).toBe('');
  }, 90_000);

  it.skipIf(skip)('serves dev UserSigs only for valid UserIDs', async () => {
    const ok = await fetch(`${stack.url}/_local/dev-usersig?userid=dev1`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ sdkAppId: stack.config.sdkAppId, userId: 'dev1', userSig: expect.any(String) });
    const bad = await fetch(`${stack.url}/_local/dev-usersig?userid=`);
    expect(bad.status).toBe(400);
  });
});
