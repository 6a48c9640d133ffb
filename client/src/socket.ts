/** The subset of the WebSocket API the client uses; the browser's and `ws` both provide it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike | Promise<SocketLike>;

export const OPEN = 1;

/** The global WebSocket where there is one (browsers, Node 22+), else the `ws` package (Node 20). */
export const defaultSocketFactory: SocketFactory = async (url) => {
  const globalSocket = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  if (globalSocket) return new globalSocket(url);
  const { default: WebSocket } = await import('ws');
  return new WebSocket(url) as unknown as SocketLike;
};
