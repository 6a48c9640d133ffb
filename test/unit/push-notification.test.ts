import { describe, expect, it } from 'vitest';
import { buildNotification, displayText, type PushSource } from '../../functions/push/notification.js';
import { elementPushText, messagePushText } from '../../functions/push/push-text.js';
import { APNS_MAX_BYTES, apnsJson, fcmJson, snsMessage } from '../../functions/push/sns-payload.js';

const text = (Text: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });
const custom = (c: Record<string, unknown>) => ({ MsgType: 'TIMCustomElem', MsgContent: c });
const source = (over: Partial<PushSource> = {}): PushSource => ({ msgBody: [text('hi')], sender: { userId: 'alice', nick: 'Alice' }, unread: 3, ...over });

describe('push text per element (seed 003 table)', () => {
  it.each([
    [text('hello'), 'hello'],
    [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'x', Latitude: 1, Longitude: 2 } }, '[Location]'],
    [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'x' } }, '[Face]'],
    [custom({ Data: 'd', Desc: 'world' }), 'world'],
    [custom({ Data: 'd' }), ''],
  ])('%j → %s', (element, expected) => {
    expect(elementPushText(element)).toBe(expected);
  });

  it('concatenates elements without separators', () => {
    expect(messagePushText([text('hello'), custom({ Data: 'message', Desc: 'world', Ext: 'https://www.example.com' })])).toBe('helloworld');
  });
});

describe('display text', () => {
  it('C2C: nickname:text, or the text alone without a nickname', () => {
    expect(displayText({ sender: { userId: 'a', nick: 'Nickname' } }, 'helloworld')).toBe('Nickname:helloworld');
    expect(displayText({ sender: { userId: 'a' } }, 'helloworld')).toBe('helloworld');
    expect(displayText({ sender: { userId: 'a', nick: '' } }, 'x')).toBe('x');
  });

  it('group: NameCard before nickname before the sender ID, then the group name', () => {
    expect(displayText({ sender: { userId: 'a', nick: 'Nick', nameCard: 'Card' }, groupName: 'Team' }, 'hi')).toBe('Card(Team):hi');
    expect(displayText({ sender: { userId: 'a', nick: 'Nick' }, groupName: 'Team' }, 'hi')).toBe('Nick(Team):hi');
    expect(displayText({ sender: { userId: 'a' }, groupName: 'Team' }, 'hi')).toBe('a(Team):hi');
  });
});

describe('when a notification is due', () => {
  it('none with PushFlag 1', () => {
    expect(buildNotification(source({ offlinePushInfo: { PushFlag: 1 } }))).toBeUndefined();
  });

  it('none for a custom element without Desc and no OfflinePushInfo.Desc; OfflinePushInfo.Desc rescues it', () => {
    expect(buildNotification(source({ msgBody: [custom({ Data: 'x' })] }))).toBeUndefined();
    expect(buildNotification(source({ msgBody: [custom({ Data: 'x' })], offlinePushInfo: { Desc: 'You got a gift' } }))?.body).toBe('Alice:You got a gift');
  });
});

describe('the seed APNs example', () => {
  it('gives alert Nickname:helloworld, badge, the custom element\'s sound and ext', () => {
    const n = buildNotification({
      msgBody: [text('hello'), custom({ Data: 'message', Desc: 'world', Ext: 'www.qq.com', Sound: 'dingdong.aiff' })],
      sender: { userId: 'u', nick: 'Nickname' }, unread: 5,
    })!;
    expect(JSON.parse(apnsJson(n))).toEqual({ aps: { alert: 'Nickname:helloworld', badge: 5, sound: 'dingdong.aiff' }, ext: 'www.qq.com' });
  });
});

describe('OfflinePushInfo overrides', () => {
  it('Title, SubTitle, Desc, Ext, sounds, image, mutable content and BadgeMode 1', () => {
    const n = buildNotification(source({
      msgBody: [custom({ Data: 'x', Desc: 'ignored', Ext: 'ignored', Sound: 'ignored.aiff' })],
      offlinePushInfo: {
        Title: 'T', Desc: 'D', Ext: '{"k":1}', AndroidInfo: { Sound: 'android.mp3', GoogleChannelID: 'chan', OPPOChannelID: 'o' },
        ApnsInfo: { Sound: 'apns.mp3', BadgeMode: 1, Title: 'apns title', SubTitle: 'sub', Image: 'https://img', MutableContent: 1 },
      },
    }))!;
    expect(JSON.parse(apnsJson(n))).toEqual({
      aps: { alert: { title: 'apns title', subtitle: 'sub', body: 'Alice:D' }, sound: 'apns.mp3', 'mutable-content': 1 },
      ext: '{"k":1}', image: 'https://img',
    });
    expect(JSON.parse(fcmJson(n))).toEqual({
      fcmV1Message: { message: {
        notification: { title: 'apns title', body: 'Alice:D', image: 'https://img' }, data: { ext: '{"k":1}' },
        android: { notification: { sound: 'android.mp3', channel_id: 'chan' } },
      } },
    });
  });

  it('uses the top-level Title when ApnsInfo has none', () => {
    expect(buildNotification(source({ offlinePushInfo: { Title: 'Top' } }))!.title).toBe('Top');
  });
});

describe('APNs 4 KB limit', () => {
  it('shortens the text, never the JSON, and keeps multi-byte characters whole', () => {
    const n = buildNotification(source({ msgBody: [text('消息'.repeat(3000))], offlinePushInfo: { Ext: 'e'.repeat(500) } }))!;
    const json = apnsJson(n);
    expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(APNS_MAX_BYTES);
    const parsed = JSON.parse(json) as { aps: { alert: string }; ext: string };
    expect(parsed.ext).toBe('e'.repeat(500));
    expect(parsed.aps.alert.startsWith('Alice:消息')).toBe(true);
    expect(parsed.aps.alert.endsWith('…')).toBe(true);
    expect(new TextEncoder().encode(json).length).toBeGreaterThan(APNS_MAX_BYTES - 8);
  });

  it('leaves a short payload alone', () => {
    expect(JSON.parse(apnsJson(buildNotification(source())!)).aps.alert).toBe('Alice:hi');
  });
});

describe('SNS message structure', () => {
  it('keys the payload by platform, with a default', () => {
    const n = buildNotification(source())!;
    expect(Object.keys(JSON.parse(snsMessage(n, 'APNs')))).toEqual(['default', 'APNS']);
    expect(Object.keys(JSON.parse(snsMessage(n, 'APNsSandbox')))).toEqual(['default', 'APNS_SANDBOX']);
    const fcm = JSON.parse(snsMessage(n, 'FCM')) as { default: string; GCM: string };
    expect(fcm.default).toBe('Alice:hi');
    expect(JSON.parse(fcm.GCM).fcmV1Message.message.notification.body).toBe('Alice:hi');
  });
});
