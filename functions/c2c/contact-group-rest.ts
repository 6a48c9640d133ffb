import type * as z from 'zod/mini';
import { ImError } from '../shared/errors.js';
import { requireAccount } from './conversations.js';
import { contactOf, parseConversationId, refKey, refOfContact, type ContactItem } from './conversation-ref.js';
import { RecentCode, SettingsLimit } from './conversation-settings-codes.js';
import { NO_SETTINGS, hasMarkData, type ConversationRef, type ConversationSettings, type SettingsChange } from './conversation-settings-store.js';
import { changeSettings, settingsByConversation, type SettingResult, type SettingsServices } from './conversation-settings.js';
import { createGroup, deleteGroup, moveConversations, renameGroup } from './conversation-groups.js';
import { groupItems, standardMarkOf } from './conversation-settings-view.js';
import type {
  createContactGroupInput, delContactGroupInput, getContactGroupInput, markContactInput, searchContactGroupInput, topInput, updateContactGroupInput,
} from './conversation-settings-schemas.js';

/**
 * The REST side of conversation settings (`recentcontact/*`), in Tencent's request and reply shapes; the work is
 * conversation-settings.ts and conversation-groups.ts, shared with the WebSocket actions. The admin acts for
 * `From_Account`, whose devices all get the events.
 */
const resultItem = (r: SettingResult) => ({ ContactItem: contactOf(r.ref), ResultCode: r.code, ResultInfo: r.info });

/** `recentcontact/top`: OperationType 1 pins, 2 unpins. */
export async function topContacts(services: SettingsServices, input: z.infer<typeof topInput>) {
  const pinnedAt = input.OperationType === 1 ? services.clock() : 0;
  const refs: ConversationRef[] = input.RecentContactItem.map((c) => (c.Type === 1 ? { type: 'C2C', peer: c.To_Account! } : { type: 'Group', groupId: c.GroupId! }));
  await changeSettings(services, { userId: input.From_Account }, refs.map((ref) => ({ ref, change: { pinnedAt } })), { allListed: true });
  return {};
}

/** `recentcontact/mark_contact`: OptType 1 standard marks, 2 the custom mark, 3 both. */
export async function markContacts(services: SettingsServices, input: z.infer<typeof markContactInput>) {
  const changes = input.MarkItem.map((m) => {
    const change: SettingsChange = {};
    if (m.OptType !== 2) {
      const set = new Set(m.SetMark ?? []);
      Object.assign(change, { addMarks: [...set], removeMarks: (m.ClearMark ?? []).filter((b) => !set.has(b)) });
    }
    if (m.OptType !== 1) change.customData = m.CustomMark ?? '';
    return { ref: refOfContact(m.ContactItem as ContactItem), change, optType: m.OptType };
  });
  const results = await changeSettings(services, { userId: input.From_Account }, changes);
  const optOf = new Map(changes.map((c) => [refKey(c.ref), c.optType]));
  return { ResultItem: results.map((r) => ({ OptType: optOf.get(refKey(r.ref)), ...resultItem(r) })) };
}

export async function createContactGroup(services: SettingsServices, input: z.infer<typeof createContactGroupInput>) {
  const item = input.GroupContactItem[0]!;
  const { group, results } = await createGroup(services, { userId: input.From_Account }, item.GroupName, (item.ContactItem ?? []).map((c) => refOfContact(c as ContactItem)));
  return { GroupResultItem: [{ GroupItem: { GroupName: group.name, GroupId: group.id }, ResultItem: results.map(resultItem) }] };
}

/** UpdateGroupType 1 renames (OldGroupName → NewGroupName); 2 adds (ContactOptType 1) and removes (2) conversations. */
export async function updateContactGroup(services: SettingsServices, input: z.infer<typeof updateContactGroupInput>) {
  const u = input.UpdateGroup;
  const actor = { userId: input.From_Account };
  if (u.UpdateGroupType === 1) {
    if (u.NewGroupName === undefined) throw new ImError(RecentCode.InvalidParam, 'NewGroupName is required to rename (UpdateGroupType 1)');
    const group = await renameGroup(services, actor, u.OldGroupName, u.NewGroupName);
    return { UpdateType: input.UpdateType, UpdateGroupResult: { UpdateGroupType: 1, GroupName: group.name, GroupId: group.id, OldGroupName: u.OldGroupName, ContactResultItem: [] } };
  }
  const items = u.ContactUpdateItem ?? [];
  const adds = items.filter((i) => i.ContactOptType === 1).map((i) => refOfContact(i.ContactItem as ContactItem));
  const removes = items.filter((i) => i.ContactOptType === 2).map((i) => refOfContact(i.ContactItem as ContactItem));
  const added = adds.length ? await moveConversations(services, actor, u.OldGroupName, adds, 'add') : undefined;
  const removed = removes.length || !added ? await moveConversations(services, actor, u.OldGroupName, removes, 'remove') : undefined;
  const group = (added ?? removed)!.group;
  return {
    UpdateType: input.UpdateType,
    UpdateGroupResult: {
      UpdateGroupType: 2, GroupName: group.name, GroupId: group.id, OldGroupName: u.OldGroupName,
      ContactResultItem: [
        ...(added?.results ?? []).map((r) => ({ ContactOptType: 1, ...resultItem(r) })),
        ...(removed?.results ?? []).map((r) => ({ ContactOptType: 2, ...resultItem(r) })),
      ],
    },
  };
}

export async function delContactGroup(services: SettingsServices, input: z.infer<typeof delContactGroupInput>) {
  const group = await deleteGroup(services, { userId: input.From_Account }, input.GroupName[0]!);
  return { GroupItem: [{ GroupName: group.name, GroupId: group.id }] };
}

const contactResult = (ref: ConversationRef, s: ConversationSettings) => ({
  ...contactOf(ref), StandardMark: standardMarkOf(s), CustomMark: s.customData, ContactGroupId: s.groupIds, Timestamp: s.updatedAt,
});

/** `search_contact_group`: the marks and groups of the given conversations (defaults for ones without any). */
export async function searchContactGroup(services: SettingsServices, input: z.infer<typeof searchContactGroupInput>) {
  const [settings, groups] = await Promise.all([
    settingsByConversation(services, input.From_Account), services.c2c.conversationSettings.getGroups(input.From_Account), requireAccount(services, input.From_Account),
  ]);
  const refs = input.ContactItem.map((c) => refOfContact(c as ContactItem));
  return { ContactResultItem: refs.map((ref) => contactResult(ref, settings.get(refKey(ref)) ?? NO_SETTINGS)), GroupItem: groupItems(groups.groups) };
}

/** `get_contact_group`: every conversation with marks, custom data or groups, 100 a page from `StartIndex`. */
export async function getContactGroup(services: SettingsServices, input: z.infer<typeof getContactGroupInput>) {
  const [settings, groups] = await Promise.all([
    settingsByConversation(services, input.From_Account), services.c2c.conversationSettings.getGroups(input.From_Account), requireAccount(services, input.From_Account),
  ]);
  const all = [...settings].filter(([, s]) => hasMarkData(s) || s.groupIds.length > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const start = input.StartIndex ?? 0;
  const page = all.slice(start, start + SettingsLimit.contactPage);
  const end = start + page.length;
  return {
    ContactItem: page.map(([id, s]) => contactResult(parseConversationId(id)!, s)),
    GroupItem: groupItems(groups.groups),
    CompleteFlag: end >= all.length ? 1 : 0,
    NextStartIndex: end >= all.length ? 0 : end,
  };
}
