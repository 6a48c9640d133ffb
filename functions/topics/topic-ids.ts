import { utf8Bytes } from '../shared/validation.js';

/** Seed 002 自定义话题 ID: a topic id is its Community's GroupId, this mark, then the topic's own part. */
export const TOPIC_MARK = '@TOPIC#_';
/** The whole topic id: at most 96 bytes (seed 002). */
export const TOPIC_ID_BYTES = 96;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Whether a message container id names a topic (group ids may not hold the mark: functions/groups/group-ids.ts). */
export const isTopicId = (id: string): boolean => id.includes(TOPIC_MARK);

/** The Community of a topic id (the part before the mark); the id itself when it is a group. */
export const communityOf = (id: string): string => {
  const at = id.indexOf(TOPIC_MARK);
  return at < 0 ? id : id.slice(0, at);
};

/** `GroupId` and `TopicId` of a message container, as frames and callbacks show them (`TopicId` only for topics). */
export const containerFields = (id: string): { GroupId: string; TopicId?: string } =>
  isTopicId(id) ? { GroupId: communityOf(id), TopicId: id } : { GroupId: id };

/** Why a custom TopicId breaks seed 002's rules for this Community, or undefined. */
export function customTopicIdProblem(groupId: string, topicId: string): string | undefined {
  const prefix = `${groupId}${TOPIC_MARK}`;
  if (!topicId.startsWith(prefix)) return `TopicId must be the GroupId followed by ${TOPIC_MARK} and a custom part (${prefix}...)`;
  const custom = topicId.slice(prefix.length);
  if (custom.length === 0) return 'TopicId has an empty custom part';
  if (!PRINTABLE_ASCII.test(custom)) return 'the custom part of TopicId must be printable ASCII';
  if (custom.includes('@TGS#_') || custom.includes(`${TOPIC_MARK}@TOPIC#`) || custom.startsWith('@TOPIC#')) {
    return 'the custom part of TopicId must not contain @TGS#_ or @TOPIC#_@TOPIC# (reserved for generated ids)';
  }
  if (utf8Bytes(topicId) > TOPIC_ID_BYTES) return `TopicId is longer than ${TOPIC_ID_BYTES} bytes`;
  return undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A server-assigned topic id: `<GroupId>@TOPIC#_@TOPIC#` + 10 characters (the generated form seed 002 reserves). */
export function generatedTopicId(groupId: string, random: (n: number) => Uint8Array): string {
  return `${groupId}${TOPIC_MARK}@TOPIC#${[...random(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

