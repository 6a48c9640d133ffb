import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** What the audience process reports. */
export interface AudienceReport {
  /** Copies received per message index (index 0 unused). */
  got: number[];
  copies: number;
  frames: number;
  p50: number;
  p99: number;
  max: number;
}

export type AudienceRequest =
  | { type: 'connect'; wsUrl: string; sdkAppId: number; secretKey: string; users: string[]; width: number; total: number }
  | { type: 'status' } | { type: 'report' } | { type: 'close' };

export type AudienceReply =
  | { type: 'progress'; connected: number } | { type: 'connected'; seconds: number; failed: number }
  | { type: 'status'; copies: number } | ({ type: 'report' } & AudienceReport) | { type: 'error'; message: string };

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'audience-main.ts');

/**
 * A room's audience in a child process of its own: 10,000 client sockets and the stack's 10,000 server
 * sockets do not fit one process's open-file limit (20,000 here, not raisable), and the clients then use
 * the second core instead of the stack's event loop.
 */
export class AudienceProcess {
  private readonly child: ChildProcess;
  private readonly waiting: Array<{ type: AudienceReply['type']; resolve: (r: AudienceReply) => void }> = [];
  onProgress?: (connected: number) => void;
  private failure?: Error;

  constructor() {
    this.child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: AudienceReply) => {
      if (m.type === 'progress') return this.onProgress?.(m.connected);
      if (m.type === 'error') this.failure = new Error(`audience process: ${m.message}`);
      const i = this.waiting.findIndex((w) => w.type === m.type || m.type === 'error');
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
    });
  }

  private ask<T extends AudienceReply['type']>(request: AudienceRequest, reply: T): Promise<Extract<AudienceReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ type: reply, resolve: (r) => (r.type === 'error' ? reject(this.failure) : resolve(r as Extract<AudienceReply, { type: T }>)) });
      this.child.send(request);
    });
  }

  connect(request: Extract<AudienceRequest, { type: 'connect' }>) { return this.ask(request, 'connected'); }
  status() { return this.ask({ type: 'status' }, 'status'); }
  report() { return this.ask({ type: 'report' }, 'report'); }

  /** Drops every connection at once (API Gateway sends each its $disconnect) and ends the process. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'close' } satisfies AudienceRequest);
    });
  }
}
