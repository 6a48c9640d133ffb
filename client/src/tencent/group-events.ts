import type { ImClient } from '../im-client.js';
import { EVENT } from './constants.js';
import type { ChatContext } from './context.js';
import { wireGroupSystemNotices } from './group-applications.js';
import { onMessagePinned, type GroupAttributeCache } from './group-data.js';
import { onTopicTip } from './topics.js';

/**
 * The server's group events beyond the group list (relation-lists.ts): system notices as MESSAGE_RECEIVED,
 * GROUP_ATTRIBUTES_UPDATED, GROUP_COUNTER_UPDATED (one per changed key, as Tencent's), PINNED_GROUP_MESSAGE_UPDATED
 * and the TOPIC_* events. Each goes to the group's online members, the writer's connections included.
 */
export function wireGroupEvents(im: ImClient, ctx: ChatContext, attributes: GroupAttributeCache, ready: () => boolean): void {
  im.on('group.system', (data) => wireGroupSystemNotices(ctx, data, ready()));
  im.on('group.attributes.changed', (data) => {
    attributes.seen(ctx, data.GroupId, Object.fromEntries(data.GroupAttrAry.map((a) => [a.key, a.value])), ready());
  });
  im.on('group.counters.changed', (data) => {
    if (!ready()) return;
    for (const c of data.GroupCounter) ctx.emit(EVENT.GROUP_COUNTER_UPDATED, { groupID: data.GroupId, key: c.Key, value: c.Value });
  });
  im.on('group.message.pinned', (data) => void onMessagePinned(ctx, data, ready).catch(() => undefined));
  im.on('group.tip', (tip) => {
    if (tip.TipType === 'GroupInfoChanged' && typeof tip.Name === 'string') ctx.book.groupRenamed(tip.GroupId, tip.Name);
    void onTopicTip(ctx, tip, ready).catch(() => undefined);
  });
}
