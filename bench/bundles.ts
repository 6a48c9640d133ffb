import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { FEATURES, type Feature } from '../functions/shared/features.js';
import { AWS_SDK_ALIASES, LAMBDA_BUNDLING } from '../lib/bundling.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild as the stack runs it (lib/bundling.ts): in the project root, which the SDK aliases are relative to. */
export const LAMBDA_BUILD_OPTIONS = {
  absWorkingDir: ROOT, bundle: true, platform: 'node', write: false,
  format: LAMBDA_BUNDLING.format, minify: LAMBDA_BUNDLING.minify, target: LAMBDA_BUNDLING.target,
  mainFields: [...LAMBDA_BUNDLING.mainFields], external: [...LAMBDA_BUNDLING.externalModules], banner: { js: LAMBDA_BUNDLING.banner },
  alias: { ...AWS_SDK_ALIASES },
} satisfies BuildOptions;

/** A feature's Lambda bundle, as the stack builds it. */
export async function bundleFeature(feature: Feature): Promise<Uint8Array> {
  const result = await build({ ...LAMBDA_BUILD_OPTIONS, entryPoints: [join(ROOT, FEATURES[feature].entry)] });
  return result.outputFiles[0]!.contents;
}

export interface BundleResult {
  feature: Feature;
  bytes: number;
  /** Median over several fresh Node processes of the time to import the bundle (module init, SDK modules included). */
  coldInitMs: number;
  /**
   * Median time, right after init, to load the Secrets Manager package: every deployed Lambda loads it on its
   * first invocation (load-runtime.ts), so that part of a cold start is no longer in `coldInitMs`.
   */
  firstCallSdkMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Bundles each Lambda exactly as the stack does and times its module init in fresh processes. */
export async function measureBundles(runs = 5, maxFeatures?: number): Promise<BundleResult[]> {
  const out = join(ROOT, 'bench', `.bundles-${process.pid}`);
  mkdirSync(out, { recursive: true });
  const results: BundleResult[] = [];
  try {
    for (const feature of (Object.keys(FEATURES) as Feature[]).slice(0, maxFeatures)) {
      const code = await bundleFeature(feature);
      const file = join(out, `${feature}.mjs`);
      writeFileSync(file, code);
      const times: number[] = [];
      const firstCall: number[] = [];
      for (let i = 0; i < runs; i++) {
        const script = `import { createRequire } from 'node:module';
          const t = performance.now(); await import(${JSON.stringify(file)}); const init = performance.now() - t;
          createRequire(${JSON.stringify(file)})('@aws-sdk/client-secrets-manager');
          console.log(init, performance.now() - t - init);`;
        const [init, secrets] = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, AWS_REGION: 'us-east-1' } })
          .toString().trim().split(' ').map(Number);
        times.push(init!);
        firstCall.push(secrets!);
      }
      results.push({ feature, bytes: code.length, coldInitMs: Math.round(median(times) * 10) / 10, firstCallSdkMs: Math.round(median(firstCall) * 10) / 10 });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return results;
}
