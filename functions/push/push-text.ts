/** A message element as the REST API and the WebSocket carry it (spec §8). */
export interface MsgElement {
  MsgType: string;
  MsgContent: Record<string, unknown>;
}

/**
 * The push text of one element (seed 003, "Message Formats for APNs"): the
 * text itself, `[Location]`, `[Face]`, a custom element's `Desc`. Elements the
 * seed does not list get a bracketed name in the same style (our choice).
 */
export function elementPushText(element: MsgElement): string {
  const c = element.MsgContent ?? {};
  switch (element.MsgType) {
    case 'TIMTextElem': return typeof c.Text === 'string' ? c.Text : '';
    case 'TIMLocationElem': return '[Location]';
    case 'TIMFaceElem': return '[Face]';
    case 'TIMCustomElem': return typeof c.Desc === 'string' ? c.Desc : '';
    case 'TIMImageElem': return '[Image]';
    case 'TIMSoundElem': return '[Voice]';
    case 'TIMFileElem': return '[File]';
    case 'TIMVideoFileElem': return '[Video]';
    case 'TIMRelayElem': return '[Chat History]';
    default: return '';
  }
}

/** Elements' push texts joined with nothing between them, as Tencent does ("hello" + "world" = "helloworld"). */
export const messagePushText = (body: readonly MsgElement[]): string => body.map(elementPushText).join('');
