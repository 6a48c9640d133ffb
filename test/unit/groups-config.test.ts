import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../functions/app-config.js';
import { customGroupIdProblem, generatedGroupId } from '../../functions/groups/group-ids.js';
import { ranksAtLeast, toGroupType } from '../../functions/groups/group-types.js';

const field = (key: string) => ({ key });

describe('the groups configuration', () => {
  it('defaults to the seeds\' limits', () => {
    expect(parseAppConfig({ sdkAppId: 1 }).groups).toEqual({
      maxMembers: { Work: 2000, Public: 2000, Meeting: 2000, Community: 100000 }, maxJoinedPerUser: 3000, maxGroups: 0, groupFields: [], memberFields: [],
      maxResponseBytes: 1024 * 1024, onlineMembersPage: 500, maxTopicsPerCommunity: 200, maxPermissionGroupsPerCommunity: 100,
    });
  });

  it('keeps the AVChatRoom get_members page at most Tencent\'s 500', () => {
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { onlineMembersPage: 501 } })).toThrow();
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { onlineMembersPage: 0 } })).toThrow();
    expect(parseAppConfig({ sdkAppId: 1, groups: { onlineMembersPage: 3 } }).groups.onlineMembersPage).toBe(3);
  });

  it('keeps the answer limit (10018) at most 1 MB', () => {
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { maxResponseBytes: 1024 * 1024 + 1 } })).toThrow();
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { maxResponseBytes: 1023 } })).toThrow();
    expect(parseAppConfig({ sdkAppId: 1, groups: { maxResponseBytes: 8192 } }).groups.maxResponseBytes).toBe(8192);
  });

  it('takes at most 10 group fields and 5 member fields, keys of letters, digits and _ up to 16 bytes', () => {
    const ten = Array.from({ length: 10 }, (_, i) => field(`F${i}`));
    expect(parseAppConfig({ sdkAppId: 1, groups: { groupFields: ten } }).groups.groupFields[0]).toEqual({ key: 'F0', read: 'Anyone', write: 'Member' });
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { groupFields: [...ten, field('F10')] } })).toThrow();
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { memberFields: Array.from({ length: 6 }, (_, i) => field(`M${i}`)) } })).toThrow();
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { groupFields: [field('bad-key')] } })).toThrow();
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { groupFields: [field('k'.repeat(17))] } })).toThrow();
  });

  it('caps member limits at 6,000 (Work, Public, Meeting) and 100,000 (Community)', () => {
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { maxMembers: { Work: 6001 } } })).toThrow();
    expect(() => parseAppConfig({ sdkAppId: 1, groups: { maxMembers: { Community: 100001 } } })).toThrow();
    expect(parseAppConfig({ sdkAppId: 1, groups: { maxMembers: { Meeting: 6000 } } }).groups.maxMembers).toMatchObject({ Meeting: 6000, Work: 2000 });
  });
});

describe('group ids and types', () => {
  it('generates @TGS# ids, Community ones under @TGS#_', () => {
    const bytes = (n: number) => new Uint8Array(n).fill(1);
    expect(generatedGroupId('Public', bytes)).toBe('@TGS#BBBBBBBBBB');
    expect(generatedGroupId('Community', bytes)).toBe('@TGS#_@TGS#BBBBBBBBBB');
  });

  it('checks custom ids: printable ASCII, at most 48 bytes, no @TGS# prefix except Community\'s required @TGS#_', () => {
    expect(customGroupIdProblem('x'.repeat(48), 'Work')).toBeUndefined();
    expect(customGroupIdProblem('x'.repeat(49), 'Work')).toMatch(/48 bytes/);
    expect(customGroupIdProblem('@TGS#abc', 'Public')).toMatch(/@TGS#/);
    expect(customGroupIdProblem('with space ok~', 'Meeting')).toBeUndefined();
    expect(customGroupIdProblem('new\nline', 'Meeting')).toMatch(/printable/);
    expect(customGroupIdProblem('@TGS#_mine', 'Community')).toBeUndefined();
    expect(customGroupIdProblem('mine', 'Community')).toMatch(/@TGS#_/);
  });

  it('maps the old type names and ranks the app admin above the owner', () => {
    // BChatRoom, Tencent's deprecated broadcast group, reads as its successor AVChatRoom (issue 14); unknown names stay unknown.
    expect([toGroupType('Private'), toGroupType('ChatRoom'), toGroupType('BChatRoom'), toGroupType('Chatroom')]).toEqual(['Work', 'Meeting', 'AVChatRoom', undefined]);
    expect(ranksAtLeast('AppAdmin', 'Owner')).toBe(true);
    expect(ranksAtLeast('Owner', 'AppAdmin')).toBe(false);
    expect(ranksAtLeast('AppAdmin', 'Nobody')).toBe(false);
    expect(ranksAtLeast('NotMember', 'NotMember')).toBe(true);
  });
});
