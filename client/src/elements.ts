/**
 * Message element builders (`MsgBody` items, rest-api.md §8), so apps never
 * hand-write `MsgType`/`MsgContent`. Pure functions; no server dependency.
 */
export interface MsgElement<T extends string = string, C = Record<string, unknown>> {
  MsgType: T;
  MsgContent: C;
}

export const textElem = (Text: string): MsgElement<'TIMTextElem', { Text: string }> => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });

export const customElem = (content: { Data: string; Desc?: string; Ext?: string; Sound?: string }): MsgElement<'TIMCustomElem', typeof content> =>
  ({ MsgType: 'TIMCustomElem', MsgContent: content });

export const locationElem = (Desc: string, Latitude: number, Longitude: number) =>
  ({ MsgType: 'TIMLocationElem', MsgContent: { Desc, Latitude, Longitude } }) as const;

export const faceElem = (Index: number, Data = '') => ({ MsgType: 'TIMFaceElem', MsgContent: { Index, Data } }) as const;

export interface ImageInfo {
  /** 1 original, 2 large, 3 thumbnail. */
  Type: 1 | 2 | 3;
  Size: number;
  Width: number;
  Height: number;
  URL: string;
}

/** `ImageFormat`: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other. */
export const imageElem = (UUID: string, ImageFormat: number, ImageInfoArray: ImageInfo[]) =>
  ({ MsgType: 'TIMImageElem', MsgContent: { UUID, ImageFormat, ImageInfoArray } }) as const;

export const soundElem = (content: { Url: string; UUID?: string; Size: number; Second: number; Download_Flag?: number }) =>
  ({ MsgType: 'TIMSoundElem', MsgContent: { Download_Flag: 2, ...content } }) as const;

export const fileElem = (content: { Url: string; UUID?: string; FileSize: number; FileName: string; Download_Flag?: number }) =>
  ({ MsgType: 'TIMFileElem', MsgContent: { Download_Flag: 2, ...content } }) as const;

export const videoElem = (content: {
  VideoUrl: string; VideoUUID?: string; VideoSize: number; VideoSecond: number; VideoFormat: string;
  ThumbUrl: string; ThumbUUID?: string; ThumbSize: number; ThumbWidth: number; ThumbHeight: number; ThumbFormat: string;
}) => ({ MsgType: 'TIMVideoFileElem', MsgContent: { VideoDownloadFlag: 2, ThumbDownloadFlag: 2, ...content } }) as const;

export interface RelayedMessage {
  From_Account: string;
  To_Account?: string;
  GroupId?: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTimeStamp: number;
  MsgBody: MsgElement[];
  CloudCustomData?: string;
}

/** A merged forward of several messages (`TIMRelayElem`). */
export const relayElem = (Title: string, MsgList: RelayedMessage[], options: { AbstractList?: string[]; CompatibleText?: string } = {}) =>
  ({
    MsgType: 'TIMRelayElem',
    MsgContent: {
      Title, MsgNum: MsgList.length, MsgList,
      CompatibleText: options.CompatibleText ?? 'Your client does not support merged messages; upgrade to view them.',
      AbstractList: options.AbstractList ?? MsgList.slice(0, 3).map((m) => `${m.From_Account}: ${m.MsgBody.map((e) => (e.MsgType === 'TIMTextElem' ? String(e.MsgContent.Text) : `[${e.MsgType}]`)).join('')}`),
    },
  }) as const;

/** A random uint32 for `MsgRandom`/`Random`: the key that makes a retried send a duplicate, not a second message. */
export const newMsgRandom = (): number => {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  return c?.getRandomValues ? c.getRandomValues(new Uint32Array(1))[0]! : Math.floor(Math.random() * 2 ** 32);
};
