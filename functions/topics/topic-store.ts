/** A Community topic (seed 002 话题): its profile on its own META item, beside the counters group sends keep there. */
export interface TopicRecord {
  topicId: string;
  /** The Community (parent group). */
  groupId: string;
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  customString: string;
  /** Who created it (`From_Account`); "" when the app admin did. */
  fromAccount: string;
  /** unix s */
  createTime: number;
  muteAllMember: boolean;
  /**
   * Topic bits every member holds in this topic (the topic's default permissions: Tencent's `defaultPermissions` of
   * V2TIMTopicInfo), in a Community with permission groups; 0 when never set.
   */
  defaultPermission: number;
  /** Bumped by every profile change. */
  infoSeq: number;
  /** unix s of the last profile change. */
  lastInfoTime: number;
  /** Group-message counters the send path keeps on the same item (functions/groupmsg). */
  nextMsgSeq: number;
  lastMsgTime: number;
}

export type TopicProfile = Pick<TopicRecord, 'name' | 'introduction' | 'notification' | 'faceUrl' | 'customString' | 'muteAllMember' | 'defaultPermission'>;

/** A member's read position in one topic; absent until the member reads there (the baseline is derived: topic-scope.ts). */
export interface TopicReadState {
  msgSeq: number;
  skipRead: number;
}

export type CreateTopicOutcome = 'created' | 'exists' | 'limit' | 'noTopics';

export interface TopicStore {
  /**
   * One transaction: the topic's META (new id only), its listing entry in the Community's partition, and the
   * Community's `topicNum` + 1, conditional on the Community existing with topics enabled and below `maxTopics`.
   */
  createTopic(topic: TopicRecord, maxTopics: number): Promise<CreateTopicOutcome>;
  getTopics(topicIds: readonly string[]): Promise<Map<string, TopicRecord>>;
  /** The Community's topic ids in creation order (one Query of its listing entries). */
  listTopicIds(groupId: string): Promise<string[]>;
  /** Changes profile fields; undefined when the topic is gone. */
  updateTopic(topicId: string, changes: Partial<TopicProfile>, now: number): Promise<TopicRecord | undefined>;
  /** Deletes META, listing entry and counts (one transaction); false when it was not there. */
  destroyTopic(groupId: string, topicId: string): Promise<boolean>;
  /** Read positions of one user in topics (one BatchGetItem, strongly consistent). */
  readStates(userId: string, topicIds: readonly string[]): Promise<Map<string, TopicReadState>>;
  /** Moves (forward only unless `forward` is false) the user's read position in a topic; creates it when absent. */
  setReadState(topicId: string, userId: string, state: TopicReadState, forward: boolean): Promise<boolean>;
  /** The last message seq of the topic sent at or before `time` (unix s), looking at most `maxScan` messages back. */
  seqAtTime(topicId: string, time: number, maxScan: number): Promise<number>;
}

/** What the conversation list needs of the topic store (functions/conversations): each Community's topics and the user's read positions in them. */
export type TopicConversationReads = Pick<TopicStore, 'listTopicIds' | 'getTopics' | 'readStates' | 'seqAtTime' | 'setReadState'>;
