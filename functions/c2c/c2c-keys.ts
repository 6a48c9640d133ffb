import { userPk } from '../accounts/account-keys.js';

/**
 * Keys of one-to-one messaging. A C2C conversation has one canonical id for
 * both sides: the two UserIDs sorted, each prefixed by its length so that no
 * pair of ids (which may contain any printable character) can collide.
 */
export const c2cConversationId = (userA: string, userB: string): string => {
  const [a, b] = userA <= userB ? [userA, userB] : [userB, userA];
  return `c2c:${a.length}:${a}:${b}`;
};

/** Which side of the canonical pair a user is: `A` sorts first (a conversation with oneself has only `A`). */
export type Side = 'A' | 'B';
export const sideOf = (userId: string, peerId: string): Side => (userId <= peerId ? 'A' : 'B');

const conversationPk = (conversationId: string): string => `C#${conversationId}`;

/** Messages table: the conversation's state (SEQ counter, last message pointer, read positions). */
export const stateKey = (conversationId: string) => ({ pk: conversationPk(conversationId), sk: 'STATE' });

const SEQ_DIGITS = 10;
export const messageSk = (seq: number): string => `M#${String(seq).padStart(SEQ_DIGITS, '0')}`;
export const messageKey = (conversationId: string, seq: number) => ({ pk: conversationPk(conversationId), sk: messageSk(seq) });
export const seqOfSk = (sk: string): number => Number(sk.slice(2));
export const MESSAGE_PREFIX = 'M#';
export { conversationPk };

/** Messages table: a group send's de-duplication claim (sender + Random), kept 5 minutes (C2C sends de-duplicate in the state item). */
export const sendClaimKey = (conversationId: string, senderId: string, random: number) =>
  ({ pk: conversationPk(conversationId), sk: `R#${random}#${senderId}` });

/** Messages table: an imported message's de-duplication claim (MsgSeq, MsgRandom, MsgTimeStamp; direction-agnostic). */
export const importClaimKey = (conversationId: string, seq: number, random: number, time: number) =>
  ({ pk: conversationPk(conversationId), sk: `I#${seq}_${random}_${time}` });

/**
 * Users table: a user's entry in its conversation list. C2C entries are
 * `CONV#C2C#<peer>`; group conversations use `CONV#GROUP#<GroupId>` in the same partition.
 */
export const CONVERSATION_PREFIX = 'CONV#';
export const c2cEntryKey = (userId: string, peerId: string) => ({ pk: userPk(userId), sk: `${CONVERSATION_PREFIX}C2C#${peerId}` });
export const groupEntryKey = (userId: string, groupId: string) => ({ pk: userPk(userId), sk: `${CONVERSATION_PREFIX}GROUP#${groupId}` });

/** Users table: the global mute of a user (openconfigsvr/setnospeaking); read with the profile in one Query. */
export const muteKey = (userId: string) => ({ pk: userPk(userId), sk: 'PROFILE#NOSPEAKING' });

/** `MsgKey` = `<MsgSeq>_<MsgRandom>_<MsgTime>`. */
export const msgKeyOf = (seq: number, random: number, time: number): string => `${seq}_${random}_${time}`;

export interface ParsedMsgKey { seq: number; random: number; time: number }
export function parseMsgKey(key: string): ParsedMsgKey | undefined {
  const m = /^(\d{1,10})_(\d{1,10})_(\d{1,10})$/.exec(key);
  if (!m) return undefined;
  return { seq: Number(m[1]), random: Number(m[2]), time: Number(m[3]) };
}
