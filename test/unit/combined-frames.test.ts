import { describe, expect, it } from 'vitest';
import { combinedFrames } from '../../functions/groupmsg/fan-out-queue.js';
import { MAX_FRAME_BYTES } from '../../functions/shared/ws/frames.js';

const message = (seq: number, textBytes: number) =>
  ({ GroupId: '@TGS#aROOM', MsgSeq: seq, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x'.repeat(textBytes) } }] });
const COMBINED = ['group.messages', 'Messages'] as const;

describe('combinedFrames (AVChatRoom per-connection combining)', () => {
  it('keeps a busy window of small messages in one frame', () => {
    const messages = Array.from({ length: 20 }, (_, i) => message(i + 1, 100));
    const frames = combinedFrames('@TGS#aROOM', 'group.message', COMBINED, messages);
    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0]!)).toEqual({ event: 'group.messages', data: { GroupId: '@TGS#aROOM', Messages: messages } });
  });

  it('splits a window of large messages into frames of at most 32 KB, in order, losing none', () => {
    const messages = Array.from({ length: 40 }, (_, i) => message(i + 1, 6000)); // ~240 KB: over the 128 KB PostToConnection limit as one frame
    const frames = combinedFrames('@TGS#aROOM', 'group.message', COMBINED, messages);
    expect(frames.length).toBeGreaterThan(7);
    for (const f of frames) expect(Buffer.byteLength(f, 'utf8')).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    const seqs = frames.flatMap((f) => {
      const { event, data } = JSON.parse(f) as { event: string; data: { MsgSeq?: number; Messages?: Array<{ MsgSeq: number }> } };
      return event === 'group.messages' ? data.Messages!.map((m) => m.MsgSeq) : [data.MsgSeq!];
    });
    expect(seqs).toEqual(messages.map((m) => m.MsgSeq));
  });

  it('sends a lone message that fills a frame as a group.message frame', () => {
    const messages = [message(1, 20_000), message(2, 20_000)];
    const frames = combinedFrames('@TGS#aROOM', 'group.message', COMBINED, messages);
    expect(frames.map((f) => (JSON.parse(f) as { event: string }).event)).toEqual(['group.message', 'group.message']);
    expect(JSON.parse(frames[1]!)).toEqual({ event: 'group.message', data: messages[1] });
  });
});
