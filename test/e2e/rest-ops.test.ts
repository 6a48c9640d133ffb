// openconfigsvr/getappinfo, ConfigSvc/GetIPList, sns/friend_get_all, and the reply to known commands we do not serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { rest } from '../support/rest-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { connect } from '../support/ws-client.js';

let stack: LocalStack;

beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.stop(); });

type Day = Record<string, string>;
const appInfo = async (RequestField?: unknown) =>
  rest(stack, 'openconfigsvr/getappinfo', RequestField === undefined ? {} : { RequestField });
const totals = async () => {
  const reply = await appInfo(['RegistUserNumTotal', 'GroupAllGroupNum']);
  expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
  const today = (reply.Result as Day[])[0]!;
  return { accounts: Number(today.RegistUserNumTotal), groups: Number(today.GroupAllGroupNum) };
};
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

describe('openconfigsvr/getappinfo', () => {
  it('counts live accounts and groups exactly, through imports, re-imports, first logins, deletions and destroys', async () => {
    const before = await totals();
    const [a, b, c] = await newUsers(stack, 3, 'ai');
    await rest(stack, 'im_open_login_svc/account_import', { UserID: a });
    expect(await totals()).toEqual({ accounts: before.accounts + 3, groups: before.groups });

    const firstLogin = uniqueId('fl');
    (await connect(stack, firstLogin)).close();
    expect((await totals()).accounts).toBe(before.accounts + 4);

    expect(await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: b }] })).toMatchObject({ ErrorCode: 0 });
    await rest(stack, 'im_open_login_svc/account_delete', { DeleteItem: [{ UserID: b }] });
    expect((await totals()).accounts).toBe(before.accounts + 3);
    await rest(stack, 'im_open_login_svc/account_import', { UserID: b });
    expect((await totals()).accounts).toBe(before.accounts + 4);

    const g1 = await newGroup(stack, { Type: 'Public', Owner_Account: a, MemberList: [{ Member_Account: c }] });
    await newGroup(stack, { Type: 'Work', Owner_Account: c });
    expect((await totals()).groups).toBe(before.groups + 2);
    expect(await groupRest(stack, 'destroy_group', { GroupId: g1 })).toMatchObject({ ErrorCode: 0 });
    expect(await totals()).toEqual({ accounts: before.accounts + 4, groups: before.groups + 1 });
  });

  it('answers the asked fields, as strings, for each of the last 30 days, today first', async () => {
    const start = Date.now();
    const reply = await appInfo(['Date', 'AppId', 'RegistUserNumTotal', 'LoginTimes', 'Date']);
    const days = reply.Result as Day[];
    expect(days).toHaveLength(30);
    expect([utcDate(start), utcDate(Date.now())]).toContain(days[0]!.Date);
    for (const [i, day] of days.entries()) {
      expect(Object.keys(day).sort()).toEqual(['AppId', 'Date', 'LoginTimes', 'RegistUserNumTotal']);
      expect(day.AppId).toBe(String(stack.config.sdkAppId));
      expect(day.LoginTimes).toBe('0');
      if (i > 0) {
        expect(Number(days[i - 1]!.Date) > Number(day.Date)).toBe(true);
        expect(day.RegistUserNumTotal).toBe('0');
      }
    }
    expect(Number(days[0]!.RegistUserNumTotal)).toBeGreaterThan(0);
  });

  it('answers every field when RequestField is absent or empty', async () => {
    for (const reply of [await appInfo(), await appInfo([])]) {
      const today = (reply.Result as Day[])[0]!;
      expect(today).toMatchObject({ AppName: '', Company: '', CallBackRsp: '0', MaxOnlineNum: '0', C2CUpMsgNum: '0' });
      expect(Object.values(today).every((v) => typeof v === 'string')).toBe(true);
      expect(Number(today.GroupAllGroupNum)).toBeGreaterThan(0);
    }
  });

  it.each([
    ['an unknown field', ['RegistUserNumTotal', 'NoSuchField'], 1002],
    ['RequestField that is not an array', 'Date', 1001],
    ['a field name that is not a string', [7], 1001],
  ])('refuses %s', async (_name, field, code) => {
    expect(await appInfo(field)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });
});

describe('ConfigSvc/GetIPList', () => {
  it('answers an empty IPList: Lambda has no fixed addresses', async () => {
    expect(await rest(stack, 'ConfigSvc/GetIPList', {})).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', IPList: [] });
  });
});

describe('known commands that are not served', () => {
  it('answer 60009 naming the command and the reason', async () => {
    const reply = await rest(stack, 'follow/follow_add', { From_Account: 'a', FollowItem: [] });
    expect(reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60009 });
    expect(reply.ErrorInfo).toBe('follow/follow_add is not served by this server: later or never (follow) (see docs/rest.md)');
    expect((await rest(stack, 'openim_robot_http_svc/create_robot', {})).ErrorInfo).toContain('later or never (robots)');
  });

  it('leave truly unknown commands with the generic answer', async () => {
    const reply = await rest(stack, 'openim/no_such_command', {});
    expect(reply).toMatchObject({ ErrorCode: 60009 });
    expect(reply.ErrorInfo).toContain('unknown REST command');
  });
});

describe('sns/friend_get_all (legacy)', () => {
  const sns = (command: string, body: unknown) => rest(stack, `sns/${command}`, body);

  it('pages through every friend with the asked friend and profile tags', async () => {
    const [owner, ...friends] = await newUsers(stack, 4, 'fa');
    const sorted = [...friends].sort();
    await rest(stack, 'profile/portrait_set', { From_Account: sorted[0], ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'First' }] });
    const imported = await sns('friend_import', {
      From_Account: owner,
      AddFriendItem: friends.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Test', Remark: `r-${To_Account}` })),
    });
    expect(imported).toMatchObject({ ErrorCode: 0 });

    const TagList = ['Tag_SNS_IM_Remark', 'Tag_Profile_IM_Nick', 'Tag_SNS_IM_Group'];
    const first = await sns('friend_get_all', { From_Account: owner, TimeStamp: 0, StartIndex: 0, TagList, LastStandardSequence: 0, GetCount: 2 });
    expect(first).toMatchObject({
      ActionStatus: 'OK', ErrorCode: 0, ErrorDisplay: '', NeedUpdateAll: 'NeedUpdateAll_Yes', StartIndex: 2, FriendNum: 3,
      CurrentStandardSequence: expect.any(Number),
    });
    expect(Math.abs((first.TimeStampNow as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(first.InfoItem).toEqual(sorted.slice(0, 2).map((id, i) => ({
      Info_Account: id,
      SnsProfileItem: [
        { Tag: 'Tag_SNS_IM_Remark', Value: `r-${id}` }, { Tag: 'Tag_SNS_IM_Group', Value: [] },
        // A profile tag the friend never set is left out, as portrait_get does (Tencent's behaviour).
        ...(i === 0 ? [{ Tag: 'Tag_Profile_IM_Nick', Value: 'First' }] : []),
      ],
    })));
    const rest2 = await sns('friend_get_all', { From_Account: owner, StartIndex: 2, TagList, GetCount: 2 });
    expect(rest2).toMatchObject({ StartIndex: 0, FriendNum: 3 });
    expect((rest2.InfoItem as Array<{ Info_Account: string }>).map((i) => i.Info_Account)).toEqual([sorted[2]]);

    const all = await sns('friend_get_all', { From_Account: owner });
    expect(all).toMatchObject({ StartIndex: 0, FriendNum: 3 });
    expect((all.InfoItem as Array<{ SnsProfileItem: Array<{ Tag: string }> }>)[0]!.SnsProfileItem.map((i) => i.Tag))
      .toEqual(expect.arrayContaining(['Tag_SNS_IM_Remark', 'Tag_SNS_IM_AddSource']));
  });

  it.each([
    ['an unknown friend tag', { TagList: ['Tag_SNS_IM_Nope'] }, 30001],
    ['an unknown profile tag', { TagList: ['Tag_Profile_IM_Nope'] }, 30001],
    ['a negative StartIndex', { StartIndex: -1 }, 30001],
    ['a GetCount that is not an integer', { GetCount: 'all' }, 30001],
  ])('refuses %s with 30001', async (_name, extra, code) => {
    const [owner] = await newUsers(stack, 1, 'fa');
    expect(await sns('friend_get_all', { From_Account: owner, ...extra })).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it('answers 30003 for an account that does not exist', async () => {
    expect(await sns('friend_get_all', { From_Account: uniqueId('none') })).toMatchObject({ ErrorCode: 30003 });
  });
});
