import { userIdProblem } from '../shared/identifiers.js';
import type { ConversationRef } from './conversation-settings-store.js';

/** `C2C<UserID>` / `GROUP<GroupId>`, the conversation ids of Tencent's client SDKs (and this server's WebSocket actions). */
export function parseConversationId(id: string): ConversationRef | undefined {
  if (id.startsWith('C2C') && userIdProblem(id.slice(3)) === undefined) return { type: 'C2C', peer: id.slice(3) };
  if (id.startsWith('GROUP') && id.length > 5 && id.length <= 53) return { type: 'Group', groupId: id.slice(5) };
  return undefined;
}

export const conversationIdOf = (ref: ConversationRef): string => (ref.type === 'C2C' ? `C2C${ref.peer}` : `GROUP${ref.groupId}`);

/** REST's `ContactItem`: `Type` 1 with `To_Account`, 2 with `ToGroupId`. */
export interface ContactItem { Type: 1 | 2; To_Account?: string; ToGroupId?: string }

/** Reads a ContactItem by its `Type` (doocs' Java SDK sends both ids; the other one is ignored). */
export const refOfContact = (c: ContactItem): ConversationRef =>
  (c.Type === 1 ? { type: 'C2C', peer: c.To_Account! } : { type: 'Group', groupId: c.ToGroupId! });

export const contactOf = (ref: ConversationRef): ContactItem =>
  (ref.type === 'C2C' ? { Type: 1, To_Account: ref.peer } : { Type: 2, ToGroupId: ref.groupId });

/** One key per conversation for maps. */
export const refKey = (ref: ConversationRef): string => conversationIdOf(ref);
