import { messagePushText, type MsgElement } from './push-text.js';

/** `OfflinePushInfo` (seed 003, spec §8). */
export interface OfflinePushInfo {
  PushFlag?: number;
  Title?: string;
  Desc?: string;
  Ext?: string;
  AndroidInfo?: { Sound?: string; [vendorField: string]: unknown };
  ApnsInfo?: { Sound?: string; BadgeMode?: number; Title?: string; SubTitle?: string; Image?: string; MutableContent?: number };
}

export interface PushSource {
  msgBody: readonly MsgElement[];
  offlinePushInfo?: OfflinePushInfo;
  sender: { userId: string; nick?: string; nameCard?: string };
  /** Present for group messages. */
  groupName?: string;
  /** The recipient's total unread count. */
  unread: number;
}

/** What one device is told, before it is shaped for APNs or FCM. */
export interface Notification {
  title?: string;
  subtitle?: string;
  body: string;
  ext?: string;
  apnsSound?: string;
  androidSound?: string;
  /** Undefined when `BadgeMode` is 1 (this message does not count). */
  badge?: number;
  image?: string;
  mutableContent: boolean;
  /** `AndroidInfo.GoogleChannelID`: the Android notification channel for FCM. */
  androidChannelId?: string;
}

const customElement = (body: readonly MsgElement[]) => body.find((e) => e.MsgType === 'TIMCustomElem')?.MsgContent;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The display text (seed 003/002, APNs formats): C2C `nickname:text`, or the
 * text alone without a nickname; groups `name(group name):text`, the name
 * being the NameCard, else the nickname, else the sender's ID. The seed's
 * payload example has no space after the colon, so neither do we.
 */
export function displayText(source: Pick<PushSource, 'sender' | 'groupName'>, text: string): string {
  const { nameCard, nick, userId } = source.sender;
  if (source.groupName !== undefined) return `${str(nameCard) ?? str(nick) ?? userId}(${source.groupName}):${text}`;
  return str(nick) ? `${nick}:${text}` : text;
}

/**
 * Builds the notification for a stored message, or undefined when none is
 * due: `PushFlag` 1, or nothing to show (a custom element without `Desc`
 * and no `OfflinePushInfo.Desc`). `OfflinePushInfo` overrides the custom
 * element's push settings.
 */
export function buildNotification(source: PushSource): Notification | undefined {
  const info = source.offlinePushInfo;
  if (info?.PushFlag === 1) return undefined;
  const text = str(info?.Desc) ?? messagePushText(source.msgBody);
  if (text === '') return undefined;
  const custom = info ? undefined : customElement(source.msgBody);
  const { AndroidInfo, ApnsInfo } = info ?? {};
  const androidSound = AndroidInfo?.Sound;
  const channel = str(AndroidInfo?.GoogleChannelID);
  return {
    ...(str(ApnsInfo?.Title) ?? str(info?.Title) ? { title: str(ApnsInfo?.Title) ?? str(info?.Title) } : {}),
    ...(str(ApnsInfo?.SubTitle) && { subtitle: ApnsInfo!.SubTitle }),
    body: displayText(source, text),
    ...((str(info?.Ext) ?? str(custom?.Ext)) && { ext: str(info?.Ext) ?? str(custom?.Ext) }),
    ...((str(ApnsInfo?.Sound) ?? str(custom?.Sound)) && { apnsSound: str(ApnsInfo?.Sound) ?? str(custom?.Sound) }),
    ...((str(androidSound) ?? str(custom?.Sound)) && { androidSound: str(androidSound) ?? str(custom?.Sound) }),
    ...(ApnsInfo?.BadgeMode === 1 ? {} : { badge: source.unread }),
    ...(str(ApnsInfo?.Image) && { image: ApnsInfo!.Image }),
    mutableContent: ApnsInfo?.MutableContent === 1,
    ...(channel && { androidChannelId: channel }),
  };
}
