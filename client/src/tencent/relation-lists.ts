import type { ImClient } from '../im-client.js';
import type { ServerEvents } from '../protocol.js';
import { EVENT } from './constants.js';

/** The lists whose changes Tencent's SDK announces whole: friends, friend applications, friend groups, the blocklist, the joined groups. */
export type RelationList = 'friends' | 'applications' | 'friendGroups' | 'blacklist' | 'groups';
const EVENT_OF: Record<RelationList, string> = {
  friends: EVENT.FRIEND_LIST_UPDATED, applications: EVENT.FRIEND_APPLICATION_LIST_UPDATED, friendGroups: EVENT.FRIEND_GROUP_LIST_UPDATED,
  blacklist: EVENT.BLACKLIST_UPDATED, groups: EVENT.GROUP_LIST_UPDATED,
};

/**
 * Reads a list again when it may have changed (a server event, or this instance's own call) and emits its event when
 * what it reads differs from what it last emitted: a call and the server's echo of it make one event. One read at a
 * time per list; a change during a read reads once more.
 */
export class RelationLists {
  private readonly last = new Map<RelationList, string>();
  private readonly reading = new Map<RelationList, Promise<void>>();
  private readonly again = new Set<RelationList>();

  constructor(
    private readonly load: Record<RelationList, () => Promise<unknown>>,
    private readonly ready: () => boolean,
    private readonly emit: (name: string, data: unknown) => void,
  ) {}

  changed(list: RelationList): Promise<void> {
    if (!this.ready()) return Promise.resolve();
    const busy = this.reading.get(list);
    if (busy) { this.again.add(list); return busy; }
    const read = async () => {
      do {
        this.again.delete(list);
        const data = await this.load[list]();
        const key = JSON.stringify(data);
        if (key !== this.last.get(list) && this.ready()) { this.last.set(list, key); this.emit(EVENT_OF[list], data); }
      } while (this.again.has(list));
    };
    const done = read().catch(() => undefined).finally(() => this.reading.delete(list));
    this.reading.set(list, done);
    return done;
  }

  clear(): void {
    this.last.clear();
    this.again.clear();
  }

  /**
   * Our server's `friend.*` and `blocklist.*` events (docs/websocket.md): `From_Account` is whose list changed; `group.system`
   * (created, invited, kicked, quit, destroyed, application handled: the user's joined groups may have changed).
   */
  wire(im: ImClient, me: () => string): void {
    type Pairs = ServerEvents['friend.added'];
    const mine = (data: unknown) => (data as Pairs).PairList.some((p) => p.From_Account === me());
    const friends = (data: unknown) => { if (mine(data)) void this.changed('friends'); void this.changed('applications'); };
    im.on('friend.request', () => void this.changed('applications'));
    im.on('friend.response', () => void this.changed('applications'));
    im.on('friend.request.deleted', () => void this.changed('applications'));
    im.on('friend.requests.read', () => void this.changed('applications'));
    im.on('friend.updated', () => void this.changed('friends'));
    // The friends' groupList changes with the groups.
    im.on('friend.groups.changed', () => { void this.changed('friendGroups'); void this.changed('friends'); });
    im.on('friend.added', friends);
    im.on('friend.deleted', friends);
    // A block also drops the pending requests between the two.
    im.on('blocklist.added', (data) => { if (mine(data)) void this.changed('blacklist'); void this.changed('applications'); });
    im.on('blocklist.deleted', (data) => { if (mine(data)) void this.changed('blacklist'); });
    im.on('group.system', (data) => { if (data.Type !== 'JoinApplication' && data.Type !== 'Notification') void this.changed('groups'); });
    // Tips that change what the list shows: this user's role, the owner, the group's name and profile.
    im.on('group.tip', (tip) => {
      const self = me();
      const affected = tip.TipType === 'GroupInfoChanged' || tip.OldOwner_Account === self || tip.NewOwner_Account === self
        || ((tip.TipType === 'SetAdmin' || tip.TipType === 'CancelAdmin') && (tip.MemberList_Account as string[] | undefined)?.includes(self));
      if (affected) void this.changed('groups');
    });
  }
}
