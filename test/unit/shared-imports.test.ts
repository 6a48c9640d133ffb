import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../functions');
const SHARED = join(FUNCTIONS, 'shared');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

/** Every relative module a file names: static imports and re-exports (type-only too), dynamic imports. */
const relativeSpecifiers = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);

/** Where `functions/shared` reaches outside itself inside `functions/`: `file -> module`, relative to functions/. */
function sharedImportsOutside(files: ReadonlyArray<{ path: string; text: string }>): string[] {
  return files.flatMap(({ path, text }) => relativeSpecifiers(text)
    .map((spec) => resolve(dirname(path), spec))
    .filter((target) => target.startsWith(FUNCTIONS + sep) && !target.startsWith(SHARED + sep))
    .map((target) => `${relative(FUNCTIONS, path)} -> ${relative(FUNCTIONS, target)}`));
}

describe('functions/shared names no feature', () => {
  it('imports nothing from a feature folder or the app\'s composition (functions/*.ts), not even types', () => {
    const files = sourceFiles(SHARED).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(20);
    expect(sharedImportsOutside(files)).toEqual([]);
  });

  it('would see such an import (static, type-only, re-export or dynamic)', () => {
    const at = join(SHARED, 'aws', 'x.ts');
    expect(sharedImportsOutside([{ path: at, text: [
      "import { c2cConfigSchema } from '../../c2c/c2c-config.js';",
      "import type { AppConfigInput } from '../../app-config.js';",
      "export { officialConfigSchema } from '../../official/official-config.js';",
      "const m = await import('../../groups/group-config.js');",
      "import '../../webhooks/webhooks.js';",
      "import { required } from './load-runtime.js';",
      "import { ImError } from '../errors.js';",
      "import * as z from 'zod/mini';",
    ].join('\n') }])).toEqual([
      'shared/aws/x.ts -> c2c/c2c-config.js', 'shared/aws/x.ts -> app-config.js', 'shared/aws/x.ts -> official/official-config.js',
      'shared/aws/x.ts -> groups/group-config.js', 'shared/aws/x.ts -> webhooks/webhooks.js',
    ]);
  });
});
