/**
 * recentcontact codes (rest-api.md §5.5) and Tencent's limits for conversation marks, pins and conversation
 * groups (the create_contact_group, mark_contact and search_contact_group pages; docs/rest.md has the choices).
 */
export const RecentCode = {
  NoSuchAccount: 50001,
  InvalidParam: 50002,
  /** MarkItem empty or more than 100. */
  MarkItemCount: 51006,
  /** More than 1,000 conversations in one conversation group, or with marks / custom data. */
  TooManyConversations: 51008,
  /** More than 20 conversation groups. */
  TooManyGroups: 51010,
  /** More pinned conversations than allowed. */
  TooManyPinned: 51012,
} as const;

export const SettingsLimit = {
  groupsPerUser: 20,
  groupNameBytes: 32,
  conversationsPerGroup: 1000,
  /** Conversations with marks or custom data, together. */
  markedConversations: 1000,
  markItemsPerCall: 100,
  customDataBytes: 256,
  searchItemsPerCall: 300,
  /** Tencent documents 51012 but not its number; ours (docs/rest.md). */
  pinnedConversations: 50,
  /** Conversations per call of the WebSocket actions and `recentcontact/top`. */
  conversationsPerCall: 100,
  /** `get_contact_group` page. */
  contactPage: 100,
} as const;
