import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBundles } from './bundles.js';

/**
 * `npm run bench`: measures this machine and writes bench/results/<time>.json
 * plus a readable table. Targets are reported, never asserted.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { bundleBytes: 150 * 1024, coldInitMs: 100 };

const bundles = await measureBundles();
const report = {
  at: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  targets: TARGETS,
  bundles: bundles.map((b) => ({
    ...b,
    bytesTarget: b.bytes <= TARGETS.bundleBytes ? 'met' : `missed by ${b.bytes - TARGETS.bundleBytes} bytes`,
    coldInitTarget: b.coldInitMs <= TARGETS.coldInitMs ? 'met' : `missed by ${(b.coldInitMs - TARGETS.coldInitMs).toFixed(1)} ms`,
  })),
};

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const file = join(ROOT, 'bench', 'results', `${report.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 2));

console.log('Lambda bundles (esbuild, as deployed)');
console.table(report.bundles.map((b) => ({ feature: b.feature, KB: (b.bytes / 1024).toFixed(1), 'cold init ms': b.coldInitMs, size: b.bytesTarget, init: b.coldInitTarget })));
console.log(`results: ${file}`);
