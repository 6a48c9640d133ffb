import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport } from './report.js';
import type { ScenarioResult } from './support/types.js';

/** `npx tsx bench/render-latest.ts [file]`: the report tables of a saved run (default bench/results/latest.json), e.g. for docs/performance.md. */
const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
const run = JSON.parse(readFileSync(file, 'utf8')) as { at: string; durationS: number; machine: Record<string, unknown>; results: ScenarioResult[] };
console.log(`Run of ${run.at} (${run.durationS} s; ${JSON.stringify(run.machine)})\n`);
console.log(renderReport(run.results));
