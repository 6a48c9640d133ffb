import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FEATURES, type Feature } from '../functions/shared/features.js';
import { LAMBDA_BUNDLING } from '../lib/bundling.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleResult {
  feature: Feature;
  bytes: number;
  /** Median over several fresh Node processes of the time to import the bundle (module init, SDK modules included). */
  coldInitMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Bundles each Lambda exactly as the stack does and times its module init in fresh processes. */
export async function measureBundles(runs = 5, maxFeatures?: number): Promise<BundleResult[]> {
  const out = join(ROOT, 'bench', `.bundles-${process.pid}`);
  mkdirSync(out, { recursive: true });
  const results: BundleResult[] = [];
  try {
    for (const [feature, { entry }] of (Object.entries(FEATURES) as [Feature, { entry: string }][]).slice(0, maxFeatures)) {
      const result = await build({
        entryPoints: [join(ROOT, entry)], bundle: true, platform: 'node', write: false,
        format: LAMBDA_BUNDLING.format, minify: LAMBDA_BUNDLING.minify, target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields], external: [...LAMBDA_BUNDLING.externalModules], banner: { js: LAMBDA_BUNDLING.banner },
      });
      const code = result.outputFiles[0]!.contents;
      const file = join(out, `${feature}.mjs`);
      writeFileSync(file, code);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
        times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, AWS_REGION: 'us-east-1' } }).toString().trim()));
      }
      results.push({ feature, bytes: code.length, coldInitMs: Math.round(median(times) * 10) / 10 });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return results;
}
