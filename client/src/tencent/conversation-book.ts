import type { ImClient } from '../im-client.js';
import type { ConversationSettingsView } from '../protocol.js';
import { byTencentOrder, toConversation, type Conversation, type ConversationExtras } from './conversation.js';
import { PROFILE_TAGS, applyProfileItems, blankProfile, type Profile } from './profile.js';

const PROFILE_BATCH = 100;
const LIST_PAGES = 50;
/** The groupID of a group conversation that is not a Community topic (`GROUP<groupID>`; a topic's id holds `@TOPIC#`). */
const plainGroup = (c: { Type: string; ConversationID: string }) => (c.Type === 'Group' && !c.ConversationID.includes('@TOPIC#') ? c.ConversationID.slice(5) : undefined);

/**
 * The conversation list as Tencent's SDK shows it: our client's conversations (live unread counts and last messages)
 * with what our client does not keep (the user's pins, marks and custom data, group names, peers' nick and avatar),
 * and the two list events, coalesced so that a burst of messages fires each once.
 */
export class ConversationBook {
  private readonly extras = new Map<string, ConversationExtras>();
  readonly profiles = new Map<string, Profile>();
  /**
   * Group names by groupID, read once per group and kept current by its tips: the server's conversation list names the
   * groups it lists, as they were then (not a group whose first message came later, nor a rename since).
   */
  private readonly groupNames = new Map<string, string>();
  private readonly namesAsked = new Set<string>();
  private lastTotal = -1;
  private scheduled = false;

  constructor(
    private readonly im: () => ImClient,
    private readonly me: () => string,
    private readonly emitLists: (list: Conversation[], total: number | undefined) => void,
  ) {}

  /** The server's list (settings, group names) and the peers' profiles: at SDK_READY and on `getConversationList`. */
  async refresh(): Promise<void> {
    const im = this.im();
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page++) {
      const reply = await im.conversationList({ Count: 100, ...(cursor && { Cursor: cursor }) });
      for (const row of reply.Conversations) {
        if (row.Type === 'Official') continue;
        const id = row.Type === 'C2C' ? `C2C${row.Peer_Account}` : `GROUP${row.TopicId ?? row.GroupId}`;
        const r = row as typeof row & Partial<ConversationSettingsView> & { GroupName?: string };
        this.extras.set(id, { ...this.extras.get(id), TopFlag: r.TopFlag, MarkList: r.MarkList, ConversationGroupList: r.ConversationGroupList, CustomData: r.CustomData, GroupName: r.GroupName });
      }
      if (reply.Complete === 1 || !reply.Cursor) break;
      cursor = reply.Cursor;
    }
    const peers = im.conversations().filter((c) => c.Type === 'C2C' && !this.profiles.has(c.Peer_Account!)).map((c) => c.Peer_Account!);
    await Promise.all([this.loadProfiles(peers), this.loadGroupNames()]);
  }

  /** Reads the names of the listed groups not read yet (a topic's name comes with the server's list); `changed` when some came. */
  private async loadGroupNames(): Promise<void> {
    const ids = this.im().conversations().map(plainGroup).filter((id): id is string => id !== undefined && !this.namesAsked.has(id));
    if (ids.length === 0) return;
    for (const id of ids) this.namesAsked.add(id);
    for (let i = 0; i < ids.length; i += 50) {
      const reply = await this.im().groupInfo({ GroupIdList: ids.slice(i, i + 50), ResponseFilter: { GroupBaseInfoFilter: ['Name'] } }) as {
        GroupInfo?: Array<{ GroupId: string; Name?: string }>;
      };
      for (const g of reply.GroupInfo ?? []) if (g.Name !== undefined) this.groupNames.set(g.GroupId, g.Name);
    }
    this.changed();
  }

  /** A group's name changed (its `GroupInfoChanged` tip, or this user's own update). */
  groupRenamed(groupID: string, name: string): void {
    this.groupNames.set(groupID, name);
    this.changed();
  }

  async loadProfiles(userIDs: readonly string[]): Promise<Profile[]> {
    const found: Profile[] = [];
    for (let i = 0; i < userIDs.length; i += PROFILE_BATCH) {
      const reply = await this.im().getProfiles({ To_Account: userIDs.slice(i, i + PROFILE_BATCH), TagList: PROFILE_TAGS }) as {
        UserProfileItem?: Array<{ To_Account: string; ProfileItem?: Array<{ Tag: string; Value: unknown }>; ResultCode?: number }>;
      };
      for (const item of reply.UserProfileItem ?? []) {
        if (item.ResultCode) continue;
        const profile = applyProfileItems(blankProfile(item.To_Account), item.ProfileItem ?? []);
        this.profiles.set(item.To_Account, profile);
        found.push(profile);
      }
    }
    return found;
  }

  /** A conversation's settings changed (a pin here, `conversation.changed` from another device). */
  setExtras(id: string, change: ConversationExtras): void {
    this.extras.set(id, { ...this.extras.get(id), ...change });
    this.changed();
  }

  list(): Conversation[] {
    const me = this.me();
    const shown = this.im().conversations().filter((c) => c.LastMsg !== undefined || c.LastMsgSeq > 0);
    if (shown.some((c) => { const id = plainGroup(c); return id !== undefined && !this.namesAsked.has(id); })) void this.loadGroupNames().catch(() => undefined);
    return shown.map((c) => {
      const extras = this.extras.get(c.ConversationID);
      const id = plainGroup(c);
      const name = id === undefined ? undefined : this.groupNames.get(id);
      return toConversation(c, me, name === undefined ? extras : { ...extras, GroupName: name }, c.Peer_Account ? this.profiles.get(c.Peer_Account) : undefined);
    }).sort(byTencentOrder);
  }

  get(id: string): Conversation | undefined {
    return this.list().find((c) => c.conversationID === id);
  }

  totalUnread(): number {
    return this.list().reduce((sum, c) => sum + c.unreadCount, 0);
  }

  /** Something in the list changed: both events once, after the current burst. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      let list: Conversation[];
      try { list = this.list(); } catch { return; } // logged out meanwhile
      const total = list.reduce((sum, c) => sum + c.unreadCount, 0);
      const totalChanged = total !== this.lastTotal;
      this.lastTotal = total;
      this.emitLists(list, totalChanged ? total : undefined);
    }, 0);
  }

  clear(): void {
    this.extras.clear();
    this.profiles.clear();
    this.groupNames.clear();
    this.namesAsked.clear();
    this.lastTotal = -1;
  }
}
