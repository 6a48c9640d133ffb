// open_msg_svc/get_history against the local stack: sends are archived from the Messages table stream into the
// S3 stand-in, and the presigned URLs get_history answers download Tencent-format gzip files.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/stack.js';
import { rest, type TencentReply } from '../support/rest-client.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { textBody, sleep } from '../support/groupmsg.js';
import { HOUR_MS, hourStartOf, msgTimeOf } from '../../functions/history/log-hours.js';

let stack: LocalStack;
// The running hour is served as it stands, so that the test need not wait for the hour to end; get_history's
// 10 calls/s (tested by rest-limits) would slow the polling below.
beforeAll(async () => {
  stack = await startTestStack({
    messageLog: { readyAfterSeconds: 300, serveCurrentHour: true },
    rest: { callsPerSecond: { 'open_msg_svc/get_history': 1000 } },
  });
});
afterAll(async () => { await stack?.stop(); });

interface TencentFile { URL: string; ExpireTime: string; FileSize: number; FileMD5: string; GzipSize: number; GzipMD5: string }
type LogRecord = Record<string, unknown>;

const getHistory = (body: unknown) => rest(stack, 'open_msg_svc/get_history', body);
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** Downloads a file like a backend would (plain GET of the URL), checks its sizes and MD5s, and parses it both ways Tencent shows. */
async function download(file: TencentFile): Promise<{ header: LogRecord; records: LogRecord[] }> {
  const res = await fetch(file.URL);
  expect(res.status).toBe(200);
  const gzip = Buffer.from(await res.arrayBuffer());
  expect({ size: gzip.length, md5: md5(gzip) }).toEqual({ size: file.GzipSize, md5: file.GzipMD5 });
  const text = gunzipSync(gzip);
  expect({ size: text.length, md5: md5(text) }).toEqual({ size: file.FileSize, md5: file.FileMD5 });
  const whole = JSON.parse(text.toString('utf8')) as LogRecord & { MsgList: LogRecord[] };
  // Tencent's line-by-line sample: strip, drop the trailing comma, the first line + "]}" is the header, stop at "]}".
  const lines = text.toString('utf8').split('\n').map((l) => l.trim().replace(/,$/, '')).filter(Boolean);
  const records: LogRecord[] = [];
  let header: LogRecord | undefined;
  for (const line of lines) {
    if (line === ']}') break;
    if (!header) header = JSON.parse(`${line}]}`) as LogRecord;
    else records.push(JSON.parse(line) as LogRecord);
  }
  expect(records).toEqual(whole.MsgList);
  const { MsgList: _list, ...wholeHeader } = whole;
  expect(header).toEqual({ ...wholeHeader, MsgList: [] });
  return { header: wholeHeader, records };
}

/** The hour's records once the archiver has them (the stream poller runs beside the handlers). */
async function recordsOf(chatType: string, msgTime: string, expected: number): Promise<{ reply: TencentReply; records: LogRecord[]; headers: LogRecord[] }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reply = await getHistory({ ChatType: chatType, MsgTime: msgTime });
    if (reply.ErrorCode === 0) {
      const files = await Promise.all((reply.File as TencentFile[]).map(download));
      const records = files.flatMap((f) => f.records);
      if (records.length >= expected || Date.now() > deadline) return { reply, records, headers: files.map((f) => f.header) };
    } else if (reply.ErrorCode !== 1004 || Date.now() > deadline) {
      throw new Error(`get_history ${chatType} ${msgTime}: ${reply.ErrorCode} ${reply.ErrorInfo}`);
    }
    await sleep(100);
  }
}

describe('open_msg_svc/get_history', () => {
  let users: string[];
  let groupId: string;
  const sent: { c2c: Array<{ random: number; time: number; seq: number; text: string }>; group: Array<{ random: number; time: number; seq: number; text: string }> } = { c2c: [], group: [] };

  beforeAll(async () => {
    users = await newUsers(stack, 2, 'hist');
    groupId = await newGroup(stack, { Owner_Account: users[0], Type: 'Public', MemberList: [{ Member_Account: users[1] }] });
    for (const [i, text] of ['hello', 'again'].entries()) {
      const random = 1000 + i;
      const reply = await rest(stack, 'openim/sendmsg', {
        SyncOtherMachine: 2, From_Account: users[0], To_Account: users[1], MsgRandom: random, MsgBody: textBody(text),
        ...(i === 0 && { CloudCustomData: 'cc-1' }),
      });
      expect(reply).toMatchObject({ ErrorCode: 0 });
      const [seq] = String(reply.MsgKey).split('_');
      sent.c2c.push({ random, time: reply.MsgTime as number, seq: Number(seq), text });
    }
    const reply = await groupRest(stack, 'send_group_msg', { GroupId: groupId, From_Account: users[1], Random: 77, MsgBody: textBody('to the group') });
    expect(reply).toMatchObject({ ErrorCode: 0 });
    sent.group.push({ random: 77, time: reply.MsgTime as number, seq: reply.MsgSeq as number, text: 'to the group' });
  });

  it('answers presigned URLs of gzip files holding the hour\'s C2C records, with Tencent\'s fields and types', async () => {
    const msgTime = msgTimeOf(sent.c2c[0]!.time * 1000);
    const mine = sent.c2c.filter((m) => msgTimeOf(m.time * 1000) === msgTime);
    const { reply, records, headers } = await recordsOf('C2C', msgTime, mine.length);
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    const files = reply.File as TencentFile[];
    for (const f of files) {
      expect(Object.keys(f).sort()).toEqual(['ExpireTime', 'FileMD5', 'FileSize', 'GzipMD5', 'GzipSize', 'URL']);
      expect(f.ExpireTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // Beijing time, about 15 minutes ahead.
      const expires = Date.parse(`${f.ExpireTime.replace(' ', 'T')}+08:00`);
      expect(expires - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(expires - Date.now()).toBeLessThan(16 * 60_000);
    }
    for (const h of headers) expect(h).toEqual({ SdkAppId: stack.config.sdkAppId, ChatType: 'C2C', MsgTime: msgTime });
    expect(records).toHaveLength(mine.length);
    expect(records).toEqual(mine.map((m, i) => ({
      From_Account: users[0], To_Account: users[1], MsgTimestamp: m.time, MsgSeq: m.seq, MsgRandom: m.random,
      MsgBody: textBody(m.text), ...(i === 0 && { CloudCustomData: 'cc-1' }),
    })));
    for (const r of records) {
      expect(typeof r.MsgTimestamp).toBe('number');
      expect(typeof r.MsgSeq).toBe('number');
      expect(typeof r.MsgRandom).toBe('number');
    }
  });

  it('keeps group messages in the Group files, apart from C2C', async () => {
    const m = sent.group[0]!;
    const msgTime = msgTimeOf(m.time * 1000);
    const { records, headers } = await recordsOf('Group', msgTime, 1);
    for (const h of headers) expect(h).toEqual({ SdkAppId: stack.config.sdkAppId, ChatType: 'Group', MsgTime: msgTime });
    // Creating the group stored no tip in the log: tips have no MsgBody.
    expect(records).toEqual([{ From_Account: users[1], GroupId: groupId, MsgTimestamp: m.time, MsgSeq: m.seq, MsgRandom: 77, MsgBody: textBody('to the group') }]);
    const c2c = await recordsOf('C2C', msgTime, 0);
    expect(c2c.records.some((r) => 'GroupId' in r)).toBe(false);
  });

  it('answers 1004 for an hour without messages, and a presigned URL stops working when it expires', async () => {
    const msgTime = msgTimeOf(sent.c2c[0]!.time * 1000);
    const earlier = msgTimeOf(hourStartOf(msgTime)! - HOUR_MS);
    expect(await getHistory({ ChatType: 'C2C', MsgTime: earlier })).toMatchObject({
      ActionStatus: 'FAIL', ErrorCode: 1004, ErrorInfo: expect.stringContaining(`"${earlier}"`),
    });
    const { reply } = await recordsOf('C2C', msgTime, 1);
    const url = new URL((reply.File as TencentFile[])[0]!.URL);
    url.searchParams.set('X-Amz-Date', '20200101T000000Z');
    expect((await fetch(url)).status).toBe(403);
  });

  it('refuses a bad ChatType or MsgTime with 1002, a future hour with 1004, an expired one with 1005, and changes nothing', async () => {
    await stack.messageLogStream.quiet();
    const keys = stack.s3.keys(stack.messageLogBucket).sort();
    const { puts, lists, heads } = stack.s3.stats;
    const now = msgTimeOf(Date.now());
    const next = msgTimeOf(Date.now() + HOUR_MS);
    const cases: Array<[unknown, number, string]> = [
      [{ ChatType: 'c2c', MsgTime: now }, 1002, 'ChatType "c2c"'],
      [{ ChatType: 'Private', MsgTime: now }, 1002, 'ChatType "Private"'],
      [{ MsgTime: now }, 1002, 'ChatType'],
      [{ ChatType: 'C2C' }, 1002, 'MsgTime'],
      [{ ChatType: 'C2C', MsgTime: Number(now) }, 1002, 'MsgTime'],
      [{ ChatType: 'C2C', MsgTime: '2015023012' }, 1002, 'MsgTime "2015023012"'],
      [{ ChatType: 'Group', MsgTime: '2015120124' }, 1002, 'MsgTime "2015120124"'],
      [{ ChatType: 'C2C', MsgTime: `${now}00` }, 1002, `MsgTime "${now}00"`],
      [{ ChatType: 'C2C', MsgTime: next }, 1004, `MsgTime "${next}" is a future hour`],
      [{ ChatType: 'Group', MsgTime: '2015120121' }, 1005, 'MsgTime "2015120121" is older than the 7-day retention'],
    ];
    for (const [body, code, info] of cases) {
      expect(await getHistory(body), JSON.stringify(body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: expect.stringContaining(info) });
    }
    expect(stack.s3.keys(stack.messageLogBucket).sort()).toEqual(keys);
    // Refusals read nothing either: the archive is listed only for an hour that may be served.
    expect(stack.s3.stats).toMatchObject({ puts, lists, heads });
  });
});
