import { groupPk, metaKey } from '../groups/group-keys.js';

/**
 * Groups table keys of topics (docs/data-model.md, "Community topics"). A topic's META sits in its own partition
 * (`G#<TopicId>`), so the group-message path (SEQ, frequency window, holes, mutes) works on a topic as on a group;
 * its listing entry and the Community's counters sit in the Community's partition.
 */
export const topicMetaKey = (topicId: string) => metaKey(topicId);
export const TOPIC_LISTING_PREFIX = 'T#';
export const topicListingKey = (groupId: string, topicId: string) => ({ pk: groupPk(groupId), sk: `${TOPIC_LISTING_PREFIX}${topicId}` });
/** A member's read position in a topic (`R#`, not `M#`: a topic has no members of its own). */
export const topicReadKey = (topicId: string, userId: string) => ({ pk: groupPk(topicId), sk: `R#${userId}` });
