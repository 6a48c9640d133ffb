import { ImError } from '../shared/errors.js';
import { utf8Bytes } from '../shared/validation.js';
import { requireAccount } from './conversations.js';
import { RecentCode, SettingsLimit } from './conversation-settings-codes.js';
import type { ConversationGroup, ConversationGroups, ConversationRef } from './conversation-settings-store.js';
import { changeSettings, settingsByConversation, type SettingResult, type SettingsActor, type SettingsServices } from './conversation-settings.js';
import { notifyGroups } from './conversation-settings-view.js';
import { parseConversationId } from './conversation-ref.js';

/**
 * A user's conversation groups: at most 20, names of 1–32 bytes, unique. The list is one small item written with a
 * version check (retried on a concurrent edit); membership is a number set on each conversation's entry.
 */
const ATTEMPTS = 5;

export function checkGroupName(name: string, what = 'GroupName'): void {
  if (name.length === 0 || utf8Bytes(name) > SettingsLimit.groupNameBytes) {
    throw new ImError(RecentCode.InvalidParam, `${what} must be 1 to ${SettingsLimit.groupNameBytes} bytes, got ${utf8Bytes(name)}`);
  }
}

const find = (doc: ConversationGroups, name: string): ConversationGroup | undefined => doc.groups.find((g) => g.name === name);

export function requireGroup(doc: ConversationGroups, name: string): ConversationGroup {
  const group = find(doc, name);
  if (!group) throw new ImError(RecentCode.InvalidParam, `no conversation group named "${name}"`);
  return group;
}

/** Reads, edits and writes the groups item until no concurrent edit intervened. */
async function editGroups<T>(
  services: SettingsServices, userId: string, edit: (doc: ConversationGroups) => { groups: ConversationGroup[]; nextId?: number; result: T },
): Promise<{ result: T; groups: ConversationGroup[] }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await services.c2c.conversationSettings.getGroups(userId);
    const next = edit(doc);
    if (await services.c2c.conversationSettings.putGroups(userId, next.groups, next.nextId ?? doc.nextId, doc.ver)) return { result: next.result, groups: next.groups };
  }
  throw new ImError(50004, 'conversation groups kept changing concurrently; try again');
}

export async function listGroups(services: SettingsServices, userId: string): Promise<ConversationGroup[]> {
  return (await services.c2c.conversationSettings.getGroups(userId)).groups;
}

/** Creates a group (51010 past 20, 50002 for a name in use) and puts the given conversations in it. */
export async function createGroup(services: SettingsServices, actor: SettingsActor, name: string, refs: readonly ConversationRef[]) {
  checkGroupName(name);
  await requireAccount(services, actor.userId);
  const { result: group, groups } = await editGroups(services, actor.userId, (doc) => {
    if (find(doc, name)) throw new ImError(RecentCode.InvalidParam, `a conversation group named "${name}" exists`);
    if (doc.groups.length >= SettingsLimit.groupsPerUser) throw new ImError(RecentCode.TooManyGroups, `at most ${SettingsLimit.groupsPerUser} conversation groups`);
    const created = { id: doc.nextId, name };
    return { groups: [...doc.groups, created], nextId: doc.nextId + 1, result: created };
  });
  await notifyGroups(services, actor.userId, groups, actor.exceptConnectionId);
  const results = refs.length ? await changeSettings(services, actor, refs.map((ref) => ({ ref, change: { addGroups: [group.id] } }))) : [];
  return { group, results };
}

export async function renameGroup(services: SettingsServices, actor: SettingsActor, oldName: string, newName: string): Promise<ConversationGroup> {
  checkGroupName(newName, 'NewGroupName');
  await requireAccount(services, actor.userId);
  const { result, groups } = await editGroups(services, actor.userId, (doc) => {
    const group = requireGroup(doc, oldName);
    if (newName !== oldName && find(doc, newName)) throw new ImError(RecentCode.InvalidParam, `a conversation group named "${newName}" exists`);
    const renamed = { id: group.id, name: newName };
    return { groups: doc.groups.map((g) => (g.id === group.id ? renamed : g)), result: renamed };
  });
  await notifyGroups(services, actor.userId, groups, actor.exceptConnectionId);
  return result;
}

/** Deletes a group and takes it off its conversations' entries (their other settings stay). */
export async function deleteGroup(services: SettingsServices, actor: SettingsActor, name: string): Promise<ConversationGroup> {
  await requireAccount(services, actor.userId);
  const { result: group, groups } = await editGroups(services, actor.userId, (doc) => {
    const found = requireGroup(doc, name);
    return { groups: doc.groups.filter((g) => g.id !== found.id), result: found };
  });
  const members = [...await settingsByConversation(services, actor.userId)].filter(([, s]) => s.groupIds.includes(group.id));
  const refs = members.flatMap(([id]) => { const ref = parseConversationId(id); return ref ? [ref] : []; });
  await notifyGroups(services, actor.userId, groups, actor.exceptConnectionId);
  if (refs.length) await changeSettings(services, actor, refs.map((ref) => ({ ref, change: { removeGroups: [group.id] } })));
  return group;
}

/** Adds conversations to (or removes them from) a named group. */
export async function moveConversations(
  services: SettingsServices, actor: SettingsActor, name: string, refs: readonly ConversationRef[], how: 'add' | 'remove',
): Promise<{ group: ConversationGroup; results: SettingResult[] }> {
  const group = requireGroup(await services.c2c.conversationSettings.getGroups(actor.userId), name);
  const change = how === 'add' ? { addGroups: [group.id] } : { removeGroups: [group.id] };
  return { group, results: await changeSettings(services, actor, refs.map((ref) => ({ ref, change }))) };
}
