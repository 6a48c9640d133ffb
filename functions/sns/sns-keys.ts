import { userPk } from '../accounts/account-keys.js';
import { blockKey, friendKey } from './relationships.js';

export { blockKey, friendKey };
/** `<peer>` has `<owner>` in its friend list: lets account deletion find one-way friendships pointing at a user. */
export const friendedByKey = (ownerId: string, peerId: string) => ({ pk: userPk(ownerId), sk: `FB#${peerId}` });
/** A friend request from `fromId` waiting at `toId` (incoming) and its copy at the requester (outgoing). */
export const incomingRequestKey = (toId: string, fromId: string) => ({ pk: userPk(toId), sk: `RQ#${fromId}` });
export const outgoingRequestKey = (fromId: string, toId: string) => ({ pk: userPk(fromId), sk: `RS#${toId}` });
export const snsMetaKey = (userId: string) => ({ pk: userPk(userId), sk: 'SNS' });
export const FRIENDED_BY_PREFIX = 'FB#';
export const INCOMING_PREFIX = 'RQ#';
export const OUTGOING_PREFIX = 'RS#';
