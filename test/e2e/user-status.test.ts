import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect, type TestClient } from '../support/ws-client.js';
import { rest } from '../support/rest-client.js';
import { allServicesFromEnv } from '../support/all-services.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack({ multiDevice: { policy: 'multi', maxInstancesPerPlatform: {} } }); });
afterAll(async () => { await stack?.stop(); });

const statusEvents = (c: TestClient, from: string) => c.events.filter((e) => e.event === 'status.changed' && e.data.From_Account === from).map((e) => e.data);
const waitStatus = (c: TestClient, from: string, status: string, customStatus?: string) => c.waitFor<{ data: Record<string, unknown> }>((f) => {
  const d = f.data as Record<string, unknown> | undefined;
  return f.event === 'status.changed' && d?.From_Account === from && d.Status === status && (customStatus === undefined || d.CustomStatus === customStatus);
});
const accountsOf = async (...ids: string[]) => { for (const UserID of ids) await rest(stack, 'im_open_login_svc/account_import', { UserID }); };

describe('user status over the WebSocket (status.*)', () => {
  it('status.get: presence and custom status of anyone, 70107 for an account that does not exist', async () => {
    const [alice, bob, carol, nobody] = [uniqueId(), uniqueId(), uniqueId(), uniqueId()];
    await accountsOf(carol);
    const a = await connect(stack, alice);
    const b = await connect(stack, bob, { platform: 'Android' });
    expect((await b.request('status.set', { CustomStatus: 'listening to music' }))).toMatchObject({
      ErrorCode: 0, data: { To_Account: bob, Status: 'Online', CustomStatus: 'listening to music' },
    });
    const reply = await a.request('status.get', { To_Account: [bob, carol, nobody, alice, bob] });
    expect(reply.ErrorCode).toBe(0);
    expect(reply.data).toEqual({
      StatusList: [
        { To_Account: bob, Status: 'Online', CustomStatus: 'listening to music' },
        { To_Account: carol, Status: 'Offline', CustomStatus: '' },
        { To_Account: alice, Status: 'Online', CustomStatus: '' },
      ],
      ErrorList: [{ To_Account: nobody, ErrorCode: 70107, ErrorInfo: expect.any(String) }],
    });
    // '' clears it.
    await b.request('status.set', { CustomStatus: '' });
    expect((await a.request('status.get', { To_Account: [bob] })).data).toEqual({ StatusList: [{ To_Account: bob, Status: 'Online', CustomStatus: '' }] });
    await Promise.all([a.close(), b.close()]);
  });

  it('limits: 500 accounts per status.get, 100 per status.subscribe, a custom status of 100 bytes', async () => {
    const a = await connect(stack, uniqueId());
    expect(await a.request('status.get', { To_Account: [] })).toMatchObject({ ErrorCode: 90001 });
    expect(await a.request('status.get', { To_Account: Array.from({ length: 501 }, (_, i) => `u${i}`) })).toMatchObject({ ErrorCode: 90001 });
    expect((await a.request('status.get', { To_Account: Array.from({ length: 500 }, (_, i) => `u${i}`) })).ErrorCode).toBe(0);
    expect(await a.request('status.subscribe', { To_Account: Array.from({ length: 101 }, (_, i) => `u${i}`) })).toMatchObject({ ErrorCode: 90001 });
    expect(await a.request('status.unsubscribe', { To_Account: [] })).toMatchObject({ ErrorCode: 90001 });
    expect(await a.request('status.set', { CustomStatus: 'é'.repeat(51) })).toMatchObject({ ErrorCode: 90001, ErrorInfo: expect.stringContaining('CustomStatus') });
    expect((await a.request('status.set', { CustomStatus: 'é'.repeat(50) })).ErrorCode).toBe(0);
    expect(await a.request('status.set', {})).toMatchObject({ ErrorCode: 90001 });
    await a.close();
  });

  it('a subscriber hears of logins, logouts, disconnects and custom statuses; oneself and unknown accounts fail per account', async () => {
    const [watcher, bob, nobody] = [uniqueId(), uniqueId(), uniqueId()];
    await accountsOf(bob);
    const w = await connect(stack, watcher);
    expect((await w.request('status.subscribe', { To_Account: [bob, watcher, nobody] })).data).toEqual({
      ErrorList: [
        { To_Account: watcher, ErrorCode: 90001, ErrorInfo: expect.any(String) },
        { To_Account: nobody, ErrorCode: 70107, ErrorInfo: expect.any(String) },
      ],
    });

    const phone = await connect(stack, bob, { platform: 'iOS', instance: 'phone' });
    expect((await waitStatus(w, bob, 'Online')).data).toEqual({ From_Account: bob, Status: 'Online', CustomStatus: '' });
    // A second connection changes nothing.
    const web = await connect(stack, bob, { platform: 'Web', instance: 'web' });
    await phone.request('status.set', { CustomStatus: 'busy' });
    await waitStatus(w, bob, 'Online', 'busy');
    // The setter's own connections hear of it too (Tencent: USER_STATUS_UPDATED for oneself).
    await web.waitFor((f) => f.event === 'status.changed' && (f.data as { CustomStatus: string }).CustomStatus === 'busy');
    await web.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(statusEvents(w, bob).map((d) => d.Status)).toEqual(['Online', 'Online']);

    // The last connection of a phone with a push device: PushOnline; a logout: Offline.
    expect((await phone.request('push.register', { Platform: 'APNs', Token: `apns-${bob}`, BusinessID: 1 })).ErrorCode).toBe(0);
    await phone.close();
    expect((await waitStatus(w, bob, 'PushOnline')).data).toEqual({ From_Account: bob, Status: 'PushOnline', CustomStatus: 'busy' });
    const again = await connect(stack, bob, { platform: 'iOS', instance: 'phone' });
    await waitStatus(w, bob, 'Online');
    expect((await again.request('logout')).ErrorCode).toBe(0);
    await waitStatus(w, bob, 'Offline');
    await again.close();

    // Unsubscribed: nothing more.
    expect((await w.request('status.unsubscribe', { To_Account: [bob] })).data).toEqual({});
    const count = statusEvents(w, bob).length;
    const last = await connect(stack, bob);
    await last.request('status.set', { CustomStatus: 'unseen' });
    await new Promise((r) => setTimeout(r, 300));
    expect(statusEvents(w, bob)).toHaveLength(count);
    await Promise.all([last.close(), w.close()]);
  });

  it('friends hear nothing without a subscription unless userStatus.notifyFriends is on', async () => {
    const [alice, bob] = [uniqueId(), uniqueId()];
    await accountsOf(bob);
    await rest(stack, 'im_open_login_svc/account_import', { UserID: alice });
    expect(await rest(stack, 'sns/friend_import', { From_Account: alice, AddFriendItem: [{ To_Account: bob, AddSource: 'AddSource_Type_Test' }] })).toMatchObject({ ErrorCode: 0 });
    const a = await connect(stack, alice);
    const b = await connect(stack, bob);
    await b.request('status.set', { CustomStatus: 'quiet' });
    await new Promise((r) => setTimeout(r, 300));
    expect(statusEvents(a, bob)).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('REST account_delete: the subscribers hear the user went Offline, and its subscriptions both ways are gone', async () => {
    const [watcher, bob, carol] = [uniqueId(), uniqueId(), uniqueId()];
    await accountsOf(bob, carol);
    const w = await connect(stack, watcher);
    await w.request('status.subscribe', { To_Account: [bob] });
    const b = await connect(stack, bob);
    await b.request('status.subscribe', { To_Account: [carol] });
    await b.request('status.set', { CustomStatus: 'leaving' });
    await waitStatus(w, bob, 'Online', 'leaving');
    expect(await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: bob }] })).toMatchObject({ ErrorCode: 0 });
    expect((await waitStatus(w, bob, 'Offline')).data).toEqual({ From_Account: bob, Status: 'Offline', CustomStatus: '' });
    const { connections } = allServicesFromEnv(process.env);
    expect(await connections.statusSubscriptions(watcher)).toEqual([]);
    expect(await connections.statusSubscriptions(bob)).toEqual([]);
    expect(await connections.statusWatchers(carol)).toEqual([]);
    expect((await connections.presenceOf(bob, Date.now())).customStatus).toBeUndefined();
    await b.closed;
    await w.close();
  });

  it('REST kick: the subscribers hear the user went Offline', async () => {
    const [watcher, bob] = [uniqueId(), uniqueId()];
    await accountsOf(bob);
    const w = await connect(stack, watcher);
    await w.request('status.subscribe', { To_Account: [bob] });
    const b = await connect(stack, bob);
    await waitStatus(w, bob, 'Online');
    expect(await rest(stack, 'im_open_login_svc/kick', { UserID: bob })).toMatchObject({ ErrorCode: 0 });
    expect((await waitStatus(w, bob, 'Offline')).data).toEqual({ From_Account: bob, Status: 'Offline', CustomStatus: '' });
    await b.closed;
    await w.close();
  });

  it('status.unsubscribe without To_Account drops every subscription; past 200 the oldest subscriptions go', async () => {
    const watcher = uniqueId();
    const targets = Array.from({ length: 201 }, () => uniqueId());
    for (let i = 0; i < targets.length; i += 100) await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: targets.slice(i, i + 100) });
    const w = await connect(stack, watcher);
    // The oldest first, alone; then 200 more: it is the one dropped.
    for (const batch of [[targets[0]!], targets.slice(1, 101), targets.slice(101)]) {
      expect((await w.request('status.subscribe', { To_Account: batch })).data).toEqual({});
      await new Promise((r) => setTimeout(r, 5));
    }
    const first = await connect(stack, targets[0]!);
    const second = await connect(stack, targets[1]!);
    await waitStatus(w, targets[1]!, 'Online');
    expect(statusEvents(w, targets[0]!)).toEqual([]);

    expect((await w.request('status.unsubscribe', {})).data).toEqual({});
    const newest = await connect(stack, targets[200]!);
    await second.request('status.set', { CustomStatus: 'gone quiet' });
    await new Promise((r) => setTimeout(r, 300));
    expect(statusEvents(w, targets[200]!)).toEqual([]);
    expect(statusEvents(w, targets[1]!).map((d) => d.CustomStatus)).toEqual(['']);
    await Promise.all([first.close(), second.close(), newest.close(), w.close()]);
  });

  it('subscribes at once from several devices still keep at most 200 subscriptions, and every target watched is one kept', async () => {
    const watcher = uniqueId();
    const targets = Array.from({ length: 300 }, () => uniqueId());
    for (let i = 0; i < targets.length; i += 100) await rest(stack, 'im_open_login_svc/multiaccount_import', { Accounts: targets.slice(i, i + 100) });
    const devices = await Promise.all(['d1', 'd2', 'd3'].map((instance) => connect(stack, watcher, { instance })));
    await Promise.all(devices.map((d, i) => d.request('status.subscribe', { To_Account: targets.slice(i * 100, i * 100 + 100) })));
    const { connections } = allServicesFromEnv(process.env);
    const kept = await connections.statusSubscriptions(watcher, true);
    expect(kept.length).toBe(200);
    const watched = (await Promise.all(targets.map(async (t) => ((await connections.statusWatchers(t)).includes(watcher) ? t : undefined)))).filter(Boolean);
    expect(watched.sort()).toEqual(kept.map((k) => k.target).sort());
    await Promise.all(devices.map((d) => d.close()));
  });
});
