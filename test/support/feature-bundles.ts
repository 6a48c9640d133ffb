import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { inject } from 'vitest';
import { LAMBDA_BUILD_OPTIONS } from '../../bench/bundles.js';
import { FEATURES, type Feature } from '../../functions/shared/features.js';

export interface FeatureBundle { code: Uint8Array; metafile: Metafile }

const inProcess = new Map<Feature, Promise<FeatureBundle>>();

/**
 * A feature's Lambda bundle as the stack builds it, built once per test run: the bundle tests (sizes, adapters,
 * loading) each need all of them, and on 2 cores 15 builds cost seconds per file. The run's cache directory
 * (global-setup) is shared by the workers; the sources do not change during a run.
 */
export function featureBundle(feature: Feature): Promise<FeatureBundle> {
  let bundle = inProcess.get(feature);
  if (!bundle) {
    bundle = load(feature);
    inProcess.set(feature, bundle);
  }
  return bundle;
}

async function load(feature: Feature): Promise<FeatureBundle> {
  const dir = inject('bundleCacheDir');
  const [codeFile, metaFile] = [join(dir, `${feature}.mjs`), join(dir, `${feature}.meta.json`)];
  if (existsSync(metaFile)) return { code: readFileSync(codeFile), metafile: JSON.parse(readFileSync(metaFile, 'utf8')) as Metafile };
  const result = await build({ ...LAMBDA_BUILD_OPTIONS, metafile: true, entryPoints: [join(LAMBDA_BUILD_OPTIONS.absWorkingDir, FEATURES[feature].entry)] });
  const bundle = { code: result.outputFiles[0]!.contents, metafile: result.metafile };
  mkdirSync(dir, { recursive: true });
  // Written under a name of this process, then renamed: another worker reads a whole file or none (the metafile last).
  writeFileSync(`${codeFile}.${process.pid}`, bundle.code);
  renameSync(`${codeFile}.${process.pid}`, codeFile);
  writeFileSync(`${metaFile}.${process.pid}`, JSON.stringify(bundle.metafile));
  renameSync(`${metaFile}.${process.pid}`, metaFile);
  return bundle;
}
