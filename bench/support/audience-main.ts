import { signUserSig } from '../../functions/shared/usersig.js';
import { LatencyHistogram } from './stats.js';
import { inParallel } from './pace.js';
import { connectClient, type BenchClient } from './client.js';
import type { AudienceReply, AudienceRequest } from './audience-process.js';

/**
 * The audience process (audience-process.ts): opens the connections, and counts the room's messages per
 * index without JSON-parsing frames. Each message's text carries its index and send time
 * (`av <i> <epoch ms>`), so the latency of every copy is measured here against the same wall clock.
 */
const TEXT = /"Text":"av (\d+) (\d+(?:\.\d+)?)"/g;
const now = () => performance.timeOrigin + performance.now();
const reply = (m: AudienceReply) => process.send!(m);

let clients: BenchClient[] = [];
let got: Uint32Array = new Uint32Array(1);
const latency = new LatencyHistogram();
let copies = 0;
let frames = 0;

async function connect(r: Extract<AudienceRequest, { type: 'connect' }>): Promise<void> {
  got = new Uint32Array(r.total + 1);
  const t0 = performance.now();
  let done = 0;
  let failed = 0;
  const opened = await inParallel(r.users.length, r.width, async (i) => {
    const userSig = signUserSig({ sdkAppId: r.sdkAppId, secretKey: r.secretKey, identifier: r.users[i]!, expire: 86400, time: Math.floor(Date.now() / 1000) });
    const c = await connectClient(r.wsUrl, r.sdkAppId, r.users[i]!, userSig).catch(() => { failed++; return undefined; });
    if (c) c.onRaw = (text) => {
      if (!text.startsWith('{"event":"group.message')) return false;
      const at = now();
      frames++;
      for (const m of text.matchAll(TEXT)) {
        const n = Number(m[1]);
        if (n > 0 && n <= r.total) { got[n]! += 1; copies++; latency.add(at - Number(m[2])); }
      }
      return true;
    };
    if (++done % 1000 === 0) reply({ type: 'progress', connected: done });
    return c;
  });
  clients = opened.filter((c): c is BenchClient => c !== undefined);
  reply({ type: 'connected', seconds: (performance.now() - t0) / 1000, failed });
}

process.on('message', (r: AudienceRequest) => {
  switch (r.type) {
    case 'connect': void connect(r).catch((e: Error) => reply({ type: 'error', message: e.message })); break;
    case 'status': reply({ type: 'status', copies }); break;
    case 'report': reply({ type: 'report', got: [...got], copies, frames, p50: latency.percentile(50), p99: latency.percentile(99), max: Math.round(latency.max) }); break;
    case 'close':
      for (const c of clients) c.socket.terminate();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
