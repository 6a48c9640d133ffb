import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One callback as the app backend received it. */
export interface ReceivedCallback {
  method: string;
  path: string;
  /** The query string as sent, without the `?`. */
  rawQuery: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
  /** Date.now() when the request had been read. */
  at: number;
}

/** How the receiver answers: a JSON reply (HTTP 200), a bare status, a raw text body, or never. */
export type ReceiverReply =
  | { json: unknown }
  | { status: number; text?: string }
  | { text: string }
  | 'hang';

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`; any path and query are accepted. */
  url: string;
  readonly requests: ReceivedCallback[];
  /** How every following request is answered (default: `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`). */
  replyWith(reply: ReceiverReply): void;
  /** Resolves with the requests once at least `count` have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

export const OK_REPLY = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };

/** A real HTTP server on 127.0.0.1 standing for the app backend that receives callbacks. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedCallback[] = [];
  const hanging = new Set<ServerResponse>();
  let reply: ReceiverReply = { json: OK_REPLY };
  let waiters: Array<() => void> = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
      let body: unknown;
      try { body = JSON.parse(rawBody); } catch { body = undefined; }
      requests.push({
        method: req.method ?? '', path: path ?? '/', rawQuery, query: Object.fromEntries(new URLSearchParams(rawQuery)),
        headers: req.headers, rawBody, body, at: Date.now(),
      });
      waiters.forEach((w) => w());
      const answer = reply;
      if (answer === 'hang') return void hanging.add(res);
      if ('json' in answer) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(answer.json));
      }
      res.writeHead('status' in answer ? answer.status : 200, { 'content-type': 'text/plain' });
      res.end(answer.text ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replyWith(next) { reply = next; },
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return false;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve([...requests]);
          return true;
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== check);
          reject(new Error(`expected ${count} callbacks, got ${requests.length}`));
        }, timeoutMs);
        if (!check()) waiters.push(check);
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The callbacks received so far by command, once every one of `commands` has arrived (or `timeoutMs` passed). */
export async function callbacksByCommand(receiver: WebhookReceiver, commands: readonly string[], timeoutMs = 5000): Promise<Map<string, ReceivedCallback[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const byCommand = new Map<string, ReceivedCallback[]>();
    for (const r of receiver.requests) byCommand.set(r.query.CallbackCommand ?? '', [...(byCommand.get(r.query.CallbackCommand ?? '') ?? []), r]);
    if (commands.every((c) => byCommand.has(c)) || Date.now() > deadline) return byCommand;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
