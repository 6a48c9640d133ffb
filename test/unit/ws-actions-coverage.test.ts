import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';

/** Every WebSocket action the server routes must be reachable from the SDK and documented. */
const actions = routes.flatMap((r) => (r.transport === 'ws' ? [r.action] : []));
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const sdk = ['client/src/im-client.ts', 'client/src/connection.ts', 'client/src/official-accounts.ts'].map(read).join('\n');
const protocolDoc = read('docs/websocket.md');

describe('WebSocket actions', () => {
  it('exist', () => {
    expect(actions.length).toBeGreaterThan(20);
  });

  it('each has an SDK method that sends it', () => {
    expect(actions.filter((a) => !sdk.includes(`'${a}'`))).toEqual([]);
  });

  it('each is documented in docs/websocket.md', () => {
    expect(actions.filter((a) => !protocolDoc.includes(`\`${a}\``))).toEqual([]);
  });
});
