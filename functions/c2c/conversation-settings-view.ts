import type { ServiceCatalog } from '../services.js';
import { eventFrame } from '../shared/ws/frames.js';
import { deliverToUser } from '../connections/deliver.js';
import { logger } from '../shared/logger.js';
import { conversationIdOf } from './conversation-ref.js';
import type { ConversationGroup, ConversationRef, ConversationSettings } from './conversation-settings-store.js';

/** A mark bit as the Web SDK's `markList` and `markConversation` carry it: `2^bit` (bits above 52 are still exact powers of two). */
export const markTypeOf = (bit: number): number => 2 ** bit;

/** The settings fields of a `conversation.list` item and of `conversation.changed` (docs/websocket.md). */
export function settingsView(s: ConversationSettings, groups: ReadonlyMap<number, string>) {
  return {
    TopFlag: s.pinnedAt > 0 ? 1 : 0,
    MarkList: s.marks.map(markTypeOf),
    ConversationGroupList: s.groupIds.flatMap((id) => { const name = groups.get(id); return name === undefined ? [] : [name]; }),
    CustomData: s.customData,
  };
}

/** REST's `StandardMark`: the 64 mark bits as a binary string, bit 63 first, without leading zeros ("0" for none). */
export const standardMarkOf = (s: ConversationSettings): string =>
  s.marks.reduce((v, bit) => v | (1n << BigInt(bit)), 0n).toString(2);

export const groupNames = (groups: readonly ConversationGroup[]): Map<number, string> => new Map(groups.map((g) => [g.id, g.name]));

export const groupItems = (groups: readonly ConversationGroup[]) => groups.map((g) => ({ GroupName: g.name, GroupId: g.id }));

type EventServices = Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>;

/**
 * Keeps the user's devices in step: every change reaches the user's connections (a WebSocket change skips the
 * connection that made it, which has the reply). A delivery failure only loses the event; the next `conversation.list` has it.
 */
export async function notifySettings(
  services: EventServices, userId: string, changed: ReadonlyArray<{ ref: ConversationRef; settings: ConversationSettings }>,
  groups: ReadonlyMap<number, string>, exceptConnectionId?: string,
): Promise<void> {
  if (changed.length === 0) return;
  const Conversations = changed.map(({ ref, settings }) => ({
    ConversationID: conversationIdOf(ref), Type: ref.type, ...(ref.type === 'C2C' ? { Peer_Account: ref.peer } : { GroupId: ref.groupId }),
    ...settingsView(settings, groups),
  }));
  await deliver(services, userId, eventFrame('conversation.changed', { Conversations }), exceptConnectionId);
}

/** `conversation.groups.changed`: the user's conversation groups after a create, rename or delete. */
export async function notifyGroups(services: EventServices, userId: string, groups: readonly ConversationGroup[], exceptConnectionId?: string): Promise<void> {
  await deliver(services, userId, eventFrame('conversation.groups.changed', { GroupItem: groupItems(groups) }), exceptConnectionId);
}

async function deliver(services: EventServices, userId: string, frame: string, exceptConnectionId?: string): Promise<void> {
  try {
    await deliverToUser(services, userId, frame, exceptConnectionId);
  } catch (error) {
    logger.error('conversation settings event delivery failed', { error });
  }
}
