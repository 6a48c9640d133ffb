import type { Conversation as ImConversation } from '../im-client.js';
import type { ConversationSettingsView } from '../protocol.js';
import { TYPES } from './constants.js';
import { fromImMessage } from './message.js';
import { textForShow } from './payload.js';
import type { Profile } from './profile.js';

/** Tencent's `Conversation` (its d.ts fields). */
export interface Conversation {
  conversationID: string;
  type: string;
  subType?: string;
  unreadCount: number;
  lastMessage: LastMessage | Record<string, never>;
  groupProfile: { groupID: string; name: string; type?: string; avatar?: string } | Record<string, never>;
  userProfile: Partial<Profile> | Record<string, never>;
  groupAtInfoList: unknown[];
  remark: string;
  isPinned: boolean;
  messageRemindType: string;
  markList: number[];
  customData: string;
  conversationGroupList: string[];
  draftText: string;
}

export interface LastMessage {
  lastTime: number;
  lastSequence: number;
  fromAccount: string;
  type: string;
  payload: Record<string, unknown>;
  messageForShow: string;
  isRevoked: boolean;
  isPeerRead: boolean;
  nick: string;
  nameCard: string;
  cloudCustomData: string;
  version: number;
}

/** What the compat layer knows of a conversation beyond our client's: the user's settings and the group's name. */
export interface ConversationExtras extends Partial<ConversationSettingsView> { GroupName?: string; /** This user's receive option in the group, as set here. */ MsgFlag?: string }

export function toConversation(c: ImConversation, me: string, extras: ConversationExtras = {}, profile?: Partial<Profile>): Conversation {
  const group = c.Type === 'Group';
  const last = c.LastMsg;
  const message = last && fromImMessage(last, me);
  return {
    conversationID: c.ConversationID, type: group ? TYPES.CONV_GROUP : TYPES.CONV_C2C, unreadCount: c.UnreadNum,
    lastMessage: last && message ? {
      lastTime: last.MsgTimeStamp, lastSequence: last.MsgSeq, fromAccount: last.From_Account, type: message.type, payload: message.payload,
      messageForShow: message.isRevoked ? 'a message was recalled' : textForShow(last.MsgBody[0]), isRevoked: message.isRevoked,
      isPeerRead: message.isPeerRead, nick: message.nick, nameCard: message.nameCard, cloudCustomData: message.cloudCustomData, version: message.version,
    } : {},
    groupProfile: group ? { groupID: c.ConversationID.slice(5), name: extras.GroupName ?? '' } : {},
    userProfile: group ? {} : { userID: c.Peer_Account!, nick: '', avatar: '', ...profile },
    groupAtInfoList: [], remark: '', isPinned: extras.TopFlag === 1, messageRemindType: extras.MsgFlag ?? '', markList: extras.MarkList ?? [],
    customData: extras.CustomData ?? '', conversationGroupList: extras.ConversationGroupList ?? [], draftText: '',
  };
}

/** Tencent's order: pinned first, then by the last message's time. */
export const byTencentOrder = (a: Conversation, b: Conversation) =>
  Number(b.isPinned) - Number(a.isPinned) || ((b.lastMessage as LastMessage).lastTime ?? 0) - ((a.lastMessage as LastMessage).lastTime ?? 0);
