// The message log's pure parts: Beijing hours, record formatting, Tencent's file layout, when an hour is served,
// and how a stream batch becomes parts.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { beijingDateTime, hourStartOf, msgTimeOf } from '../../functions/history/log-hours.js';
import { logEntryOf, logFileText } from '../../functions/history/log-records.js';
import { GetHistoryCode, hourAvailability } from '../../functions/history/get-history.js';
import { archiveMessages } from '../../functions/history/archive-messages.js';
import type { LogPart, MessageLogWriter } from '../../functions/history/message-log.js';

const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
// 2015-12-01 21:00:06 Beijing = 13:00:06 UTC (Tencent's sample hour "2015120121").
const t = Date.UTC(2015, 11, 1, 13, 0, 6) / 1000;
const c2cItem = { pk: 'C#c2c:1:a:b', sk: 'M#0000000003', conversationId: 'c2c:1:a:b', from: 'a', to: 'b', seq: 3, random: 45838, time: t, body, cloudCustomData: 'x', nick: 'A', ttl: t + 7 * 86400 };
const groupItem = { pk: 'C#group:@TGS#1', sk: 'M#0000000001', groupId: '@TGS#1', from: 'Test_1', seq: 1, random: 9, time: t, body, cloudCustomData: '', priority: 2 };

describe('Beijing hours', () => {
  it('names the hour in UTC+8 and refuses hours that do not exist', () => {
    expect(msgTimeOf(t * 1000)).toBe('2015120121');
    expect(msgTimeOf(Date.UTC(2015, 11, 31, 16, 0, 0))).toBe('2016010100');
    expect(hourStartOf('2015120121')).toBe(Date.UTC(2015, 11, 1, 13));
    for (const bad of ['2015023012', '2015120124', '2015130100', '201512012', '20151201210', '2015-12-01', ' 015120121']) expect(hourStartOf(bad), bad).toBeUndefined();
    expect(beijingDateTime(Date.UTC(2015, 11, 2, 8, 45, 23))).toBe('2015-12-02 16:45:23');
  });
});

describe('log records', () => {
  it('formats C2C and group messages with Tencent\'s keys and types', () => {
    expect(logEntryOf(c2cItem)).toEqual({
      chatType: 'C2C', msgTime: '2015120121',
      record: { From_Account: 'a', To_Account: 'b', MsgTimestamp: t, MsgSeq: 3, MsgRandom: 45838, MsgBody: body, CloudCustomData: 'x' },
    });
    expect(logEntryOf(groupItem)).toEqual({
      chatType: 'Group', msgTime: '2015120121',
      record: { From_Account: 'Test_1', GroupId: '@TGS#1', MsgTimestamp: t, MsgSeq: 1, MsgRandom: 9, MsgBody: body },
    });
  });

  it('leaves out the Messages table\'s other items and stored tips', () => {
    for (const item of [
      { ...c2cItem, sk: 'STATE' }, { ...c2cItem, sk: 'R#1#a' }, { pk: 'RATE#openim/sendmsg', sk: '1700000000', calls: 3 },
      { pk: 'BCAST', sk: 'T#1', body }, { ...groupItem, tip: { OpType: 'Join' }, body: [] }, { ...c2cItem, seq: '3' }, { ...c2cItem, to: undefined },
    ]) expect(logEntryOf(item), JSON.stringify(item)).toBeUndefined();
  });

  it('lays a file out as Tencent does: header line, one record per line, "]}" alone', () => {
    const records = [logEntryOf(c2cItem)!.record, { ...logEntryOf(c2cItem)!.record, MsgSeq: 4 }];
    const text = logFileText(1104620500, 'C2C', '2015120121', records);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"SdkAppId":1104620500,"ChatType":"C2C","MsgTime":"2015120121","MsgList":[');
    expect(lines[1]).toBe(`${JSON.stringify(records[0])},`);
    expect(lines[2]).toBe(JSON.stringify(records[1]));
    expect(lines[3]).toBe(']}');
    expect(JSON.parse(text)).toEqual({ SdkAppId: 1104620500, ChatType: 'C2C', MsgTime: '2015120121', MsgList: records });
    expect(JSON.parse(logFileText(1, 'Group', '2015120121', []))).toEqual({ SdkAppId: 1, ChatType: 'Group', MsgTime: '2015120121', MsgList: [] });
  });
});

describe('hour availability', () => {
  const start = hourStartOf('2015120121')!;
  const settings = { readyAfterSeconds: 300, serveCurrentHour: false };
  const at = (ms: number, s = settings) => hourAvailability(start, ms, 7, s, '2015120121')?.code;

  it('serves an hour readyAfterSeconds after it ends and until the retention is over', () => {
    expect(at(start - 1)).toBe(GetHistoryCode.NotGenerated);
    expect(at(start + 10 * 60_000)).toBe(GetHistoryCode.NotGenerated);
    expect(at(start + 3_600_000 + 299_000)).toBe(GetHistoryCode.NotGenerated);
    expect(at(start + 3_600_000 + 300_000)).toBeUndefined();
    expect(at(start + 7 * 86_400_000 - 1)).toBeUndefined();
    expect(at(start + 7 * 86_400_000)).toBe(GetHistoryCode.Expired);
  });

  it('serves the running hour with serveCurrentHour, never a future one', () => {
    const open = { ...settings, serveCurrentHour: true };
    expect(at(start + 10 * 60_000, open)).toBeUndefined();
    expect(at(start - 1, open)).toBe(GetHistoryCode.NotGenerated);
  });
});

describe('archiveMessages', () => {
  it('writes one gzip part per chat type and hour, named after its first record, with sizes and MD5s', async () => {
    const parts: LogPart[] = [];
    const writer: MessageLogWriter = { putPart: async (p) => { parts.push(p); } };
    const later = { ...c2cItem, sk: 'M#0000000004', seq: 4, time: t + 3600 };
    const result = await archiveMessages(writer, 7, [
      { sequenceNumber: '100', item: c2cItem }, { sequenceNumber: '101', item: { ...c2cItem, sk: 'STATE' } },
      { sequenceNumber: '102', item: groupItem }, { sequenceNumber: '103', item: later }, { sequenceNumber: '104', item: { ...c2cItem, seq: 5 } },
    ]);
    expect(result).toEqual({ parts: 3, records: 4, skipped: 1 });
    const byHour = Object.fromEntries(parts.map((p) => [`${p.chatType}/${p.msgTime}`, p]));
    expect(Object.keys(byHour).sort()).toEqual(['C2C/2015120121', 'C2C/2015120122', 'Group/2015120121']);
    const first = byHour['C2C/2015120121']!;
    expect(first.partId).toBe('100'.padStart(40, '0'));
    const text = gunzipSync(first.gzip);
    expect(first.fileSize).toBe(text.length);
    expect(JSON.parse(text.toString()).MsgList.map((r: { MsgSeq: number }) => r.MsgSeq)).toEqual([3, 5]);
    expect(first.fileMd5).toMatch(/^[0-9a-f]{32}$/);
    expect(first.gzipMd5).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes nothing for a batch without messages', async () => {
    const parts: LogPart[] = [];
    expect(await archiveMessages({ putPart: async (p) => { parts.push(p); } }, 7, [{ sequenceNumber: '1', item: { pk: 'RATE#x', sk: '1' } }]))
      .toEqual({ parts: 0, records: 0, skipped: 1 });
    expect(parts).toEqual([]);
  });
});
