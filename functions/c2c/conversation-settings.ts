import { ImError } from '../shared/errors.js';
import type { ServiceCatalog, Uses } from '../services.js';
import { requireAccount } from './conversations.js';
import { conversationIdOf, refKey } from './conversation-ref.js';
import { RecentCode, SettingsLimit } from './conversation-settings-codes.js';
import {
  NO_SETTINGS, hasMarkData, type ConversationRef, type ConversationSettings, type SettingsChange,
} from './conversation-settings-store.js';
import { groupNames, notifySettings } from './conversation-settings-view.js';
import type { ConversationEntry } from './c2c-store.js';

export type SettingsServices = Pick<ServiceCatalog, 'clock' | 'accounts' | 'gateway' | 'connections'> & Uses<'c2c', 'listEntries' | 'conversationSettings'>;

/** Who changes settings: a user over the WebSocket (its other devices get the event) or the app admin for `userId`. */
export interface SettingsActor { userId: string; exceptConnectionId?: string }

/** The outcome per conversation: `code` 0 with the settings after the change, or why it was skipped. */
export interface SettingResult { ref: ConversationRef; code: number; info: string; settings?: ConversationSettings }

const entryRef = (e: ConversationEntry): ConversationRef | undefined =>
  (e.type === 'C2C' && e.peer !== undefined ? { type: 'C2C', peer: e.peer } : e.type === 'Group' && e.groupId !== undefined ? { type: 'Group', groupId: e.groupId } : undefined);

/** The user's entries by conversation (one Query of `CONV#`), for the limits and the C2C "in the list" check. */
export async function settingsByConversation(services: SettingsServices, userId: string): Promise<Map<string, ConversationSettings>> {
  const entries = await services.c2c.listEntries(userId);
  return new Map(entries.flatMap((e) => { const ref = entryRef(e); return ref ? [[refKey(ref), e.settings] as const] : []; }));
}

const gainsMarkData = (before: ConversationSettings, change: SettingsChange) =>
  !hasMarkData(before) && ((change.addMarks?.length ?? 0) > 0 || (change.customData !== undefined && change.customData !== ''));

/**
 * Applies one change per conversation. Tencent's limits are checked against the user's entries first and refuse the
 * whole call (nothing written): 51012 past the pinned limit, 51008 past 1,000 conversations with marks or custom
 * data or in one conversation group. A C2C conversation that is not in the user's list is skipped with 50002
 * (its settings live on its list entry, which the next message would otherwise overwrite). Writes run 16 at a time;
 * the user's devices get one `conversation.changed`.
 */
export async function changeSettings(
  services: SettingsServices, actor: SettingsActor, changes: ReadonlyArray<{ ref: ConversationRef; change: SettingsChange }>,
  options: { allListed?: boolean } = {},
): Promise<SettingResult[]> {
  const [current, groups] = await Promise.all([
    settingsByConversation(services, actor.userId), services.c2c.conversationSettings.getGroups(actor.userId), requireAccount(services, actor.userId),
  ]);
  const targets = new Map(changes.map((c) => [refKey(c.ref), c]));
  const before = (ref: ConversationRef) => current.get(refKey(ref)) ?? NO_SETTINGS;
  const others = [...current].filter(([key]) => !targets.has(key)).map(([, s]) => s);

  const missing = [...targets.values()].find(({ ref }) => ref.type === 'C2C' && !current.has(refKey(ref)));
  if (options.allListed && missing) {
    throw new ImError(RecentCode.InvalidParam, `${conversationIdOf(missing.ref)} is not in the user's conversation list; nothing was changed`);
  }
  const pinsAfter = others.filter((s) => s.pinnedAt > 0).length
    + [...targets.values()].filter(({ ref, change }) => (change.pinnedAt ?? before(ref).pinnedAt) > 0).length;
  if (pinsAfter > SettingsLimit.pinnedConversations) {
    throw new ImError(RecentCode.TooManyPinned, `at most ${SettingsLimit.pinnedConversations} pinned conversations; nothing was changed`);
  }
  const markedAfter = others.filter(hasMarkData).length
    + [...targets.values()].filter(({ ref, change }) => hasMarkData(before(ref)) || gainsMarkData(before(ref), change)).length;
  if (markedAfter > SettingsLimit.markedConversations && [...targets.values()].some(({ ref, change }) => gainsMarkData(before(ref), change))) {
    throw new ImError(RecentCode.TooManyConversations, `at most ${SettingsLimit.markedConversations} conversations with marks or custom data; nothing was changed`);
  }
  for (const g of groups.groups) {
    const joining = [...targets.values()].filter(({ ref, change }) => change.addGroups?.includes(g.id) && !before(ref).groupIds.includes(g.id)).length;
    const members = [...current.values()].filter((s) => s.groupIds.includes(g.id)).length;
    if (joining > 0 && members + joining > SettingsLimit.conversationsPerGroup) {
      throw new ImError(RecentCode.TooManyConversations, `conversation group "${g.name}" would hold more than ${SettingsLimit.conversationsPerGroup} conversations; nothing was changed`);
    }
  }

  const now = Math.floor(services.clock() / 1000);
  const results: SettingResult[] = [];
  const list = [...targets.values()];
  for (let i = 0; i < list.length; i += 16) {
    results.push(...await Promise.all(list.slice(i, i + 16).map(async ({ ref, change }): Promise<SettingResult> => {
      const notListed = { ref, code: RecentCode.InvalidParam, info: `${conversationIdOf(ref)} is not in the user's conversation list` };
      if (ref.type === 'C2C' && !current.has(refKey(ref))) return notListed;
      const settings = await services.c2c.conversationSettings.update(actor.userId, ref, change, now);
      return settings ? { ref, code: 0, info: '', settings } : notListed;
    })));
  }
  await notifySettings(services, actor.userId, results.flatMap((r) => (r.settings ? [{ ref: r.ref, settings: r.settings }] : [])),
    groupNames(groups.groups), actor.exceptConnectionId);
  return results;
}
