import { describe, expect, it } from 'vitest';
import { memberWantsPush } from '../../functions/push/offline-push.js';
import { matchesCondition } from '../../functions/broadcast/push-condition.js';
import { buildNotification } from '../../functions/push/notification.js';
import { parsePushJob, encodePushJob, type PushJob } from '../../functions/push/push-queue.js';

describe('group MsgFlag push rules (the hook group messages call)', () => {
  it.each([
    ['AcceptAndNotify', false, true],
    [undefined, false, true],
    ['AcceptNotNotify', true, false],
    ['Discard', true, false],
    ['AcceptNotNotifyExceptAt', false, false],
    ['AcceptNotNotifyExceptAt', true, true],
  ])('%s, mentioned %s: push %s', (flag, mentioned, expected) => {
    expect(memberWantsPush(flag, mentioned)).toBe(expected);
  });

  it('group display: NameCard, else nickname, else UserID, with the group name', () => {
    const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
    expect(buildNotification({ msgBody: body, sender: { userId: 'u1', nick: 'Nick', nameCard: 'Card' }, groupName: 'Team', unread: 4 })?.body).toBe('Card(Team):hi');
    expect(buildNotification({ msgBody: body, sender: { userId: 'u1', nick: 'Nick' }, groupName: 'Team', unread: 4 })?.body).toBe('Nick(Team):hi');
    expect(buildNotification({ msgBody: body, sender: { userId: 'u1' }, groupName: 'Team', unread: 4 })?.body).toBe('u1(Team):hi');
  });
});

describe('im_push conditions', () => {
  const user = { attrs: { city: 'sz', sex: 'f' }, tags: ['vip', 'beta'] };
  it.each([
    ['no condition', undefined, true],
    ['TagsOr hit', { TagsOr: ['x', 'beta'] }, true],
    ['TagsOr miss', { TagsOr: ['x'] }, false],
    ['TagsAnd all', { TagsAnd: ['vip', 'beta'] }, true],
    ['TagsAnd partial', { TagsAnd: ['vip', 'x'] }, false],
    ['TagsOr and TagsAnd both hold', { TagsOr: ['vip'], TagsAnd: ['beta'] }, true],
    ['TagsOr holds, TagsAnd fails', { TagsOr: ['vip'], TagsAnd: ['x'] }, false],
    ['AttrsOr hit', { AttrsOr: { city: 'bj', sex: 'f' } }, true],
    ['AttrsOr miss', { AttrsOr: { city: 'bj' } }, false],
    ['AttrsAnd all', { AttrsAnd: { city: 'sz', sex: 'f' } }, true],
    ['AttrsAnd partial', { AttrsAnd: { city: 'sz', sex: 'm' } }, false],
  ])('%s', (_name, condition, expected) => {
    expect(matchesCondition(condition, user)).toBe(expected);
  });

  it('a user with no tags or attributes matches only the unconditional push', () => {
    expect(matchesCondition(undefined, undefined)).toBe(true);
    expect(matchesCondition({ TagsOr: ['vip'] }, undefined)).toBe(false);
  });
});

describe('push queue messages', () => {
  it('round-trip, and anything else is refused', () => {
    const job: PushJob = {
      kind: 'C2C', msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }], sender: { userId: 'a', nick: 'A' },
      recipients: [{ userId: 'b', devices: [{ instance: 'p', pushPlatform: 'APNs', endpointArn: 'arn:x' }] }], enqueuedAt: 1,
    };
    expect(parsePushJob(encodePushJob(job))).toEqual(job);
    // What the push callbacks name: the message's ids, the im_push task.
    const named: PushJob = { ...job, message: { msgKey: '1_2_3', msgSeq: 1, msgRandom: 2, msgTime: 3 }, task: { taskId: 't', sentAt: 4 } };
    expect(parsePushJob(encodePushJob(named))).toEqual(named);
    expect(parsePushJob(encodePushJob({ kind: 'BroadcastPage', task: { taskId: 't' }, enqueuedAt: 2 }))).toEqual({ kind: 'BroadcastPage', task: { taskId: 't' }, enqueuedAt: 2 });
    expect(() => parsePushJob('{"kind":"C2C"}')).toThrow();
    expect(() => parsePushJob('not json')).toThrow();
  });
});
