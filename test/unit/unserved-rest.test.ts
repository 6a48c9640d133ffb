import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { restPath, type RestRoute } from '../../functions/shared/route.js';
import { UNSERVED_REST } from '../../functions/shared/unserved-rest.js';

const served = routes.filter((r): r is RestRoute => r.transport === 'rest').map(restPath);
const restDoc = readFileSync(new URL('../../docs/rest.md', import.meta.url), 'utf8');

describe('the served / not-served list of REST commands', () => {
  it('never calls a served command unserved', () => {
    const both = served.filter((p) => UNSERVED_REST.has(p));
    expect(both, 'served now: remove from functions/shared/unserved-rest.ts and mark served in docs/rest.md').toEqual([]);
  });

  it('holds service/command paths the gateway can route', () => {
    for (const path of UNSERVED_REST.keys()) expect(path).toMatch(/^[A-Za-z0-9_]+\/[A-Za-z0-9_]+$/);
  });

  it('is all in docs/rest.md, as is every served command', () => {
    const missing = [...served, ...UNSERVED_REST.keys()].filter((p) => !restDoc.includes(`\`${p}\``));
    expect(missing, 'add these to docs/rest.md').toEqual([]);
  });
});
