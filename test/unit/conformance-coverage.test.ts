import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { restPath, type RestRoute } from '../../functions/shared/route.js';

/** Every served REST command has at least one conformance case (test/conformance): a new command without one fails here. */
const dir = new URL('../conformance/', import.meta.url);
const corpus = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');

describe('the conformance corpus', () => {
  it('covers every served REST command', () => {
    const served = routes.filter((r): r is RestRoute => r.transport === 'rest').map(restPath);
    expect(served.length).toBeGreaterThan(80);
    expect(served.filter((p) => !new RegExp(`command: ['"\`]${p.replace('/', '\\/')}['"\`]`).test(corpus))).toEqual([]);
  });
});
