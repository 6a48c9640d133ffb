import type { BenchStack } from './stack.js';

/** Until work queued after the replies (push pages, fan-out, the push worker) stops calling DynamoDB: a second of quiet. */
export async function settled(s: BenchStack): Promise<void> {
  let calls = -1;
  for (let quiet = 0; quiet < 4;) {
    await s.drain();
    await new Promise((r) => setTimeout(r, 250));
    const now = s.stack.cost.snapshot().usage.dynamoCalls;
    quiet = now === calls ? quiet + 1 : 0;
    calls = now;
  }
}
