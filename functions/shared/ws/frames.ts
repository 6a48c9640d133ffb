/** Frame shapes of websocket-protocol.md. */
export interface ReplyFrame {
  reqId?: string;
  action?: string;
  ErrorCode: number;
  ErrorInfo: string;
  data?: Record<string, unknown>;
}

export const replyFrame = (reply: ReplyFrame): string => JSON.stringify(reply);

export const eventFrame = (event: string, data: Record<string, unknown>): string => JSON.stringify({ event, data });

/** The protocol's frame limit; API Gateway splits larger messages into several frames. */
export const MAX_FRAME_BYTES = 32 * 1024;
