// What is big in a Lambda bundle: `npx tsx bench/bundle-contents.ts c2c groups [--files=20]` builds each as the
// stack does (bench/bundles.ts) with an esbuild metafile and prints the output bytes per folder and per input file.
import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_BUILD_OPTIONS } from './bundles.js';
import { FEATURES, type Feature } from '../functions/shared/features.js';

const args = process.argv.slice(2);
const files = Number(args.find((a) => a.startsWith('--files='))?.slice('--files='.length) ?? 20);
const features = args.filter((a) => !a.startsWith('--')) as Feature[];

/** `functions/c2c/x.ts` -> `functions/c2c`; a package file -> its package (zod by its v4 folder). */
const folderOf = (file: string): string => {
  const nm = file.lastIndexOf('node_modules/');
  if (nm < 0) return file.split('/').slice(0, 2).join('/');
  const parts = file.slice(nm + 'node_modules/'.length).split('/');
  const name = parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return name === 'zod' ? `zod/${parts.slice(1, 3).join('/')}` : name;
};

for (const feature of features.length > 0 ? features : (Object.keys(FEATURES) as Feature[])) {
  const result = await build({ ...LAMBDA_BUILD_OPTIONS, metafile: true, entryPoints: [join(LAMBDA_BUILD_OPTIONS.absWorkingDir, FEATURES[feature].entry)] });
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs).map(([file, i]) => [file.replace(/^.*node_modules\//, 'node_modules/'), i.bytesInOutput] as const);
  const folders = new Map<string, number>();
  for (const [file, bytes] of inputs) folders.set(folderOf(file), (folders.get(folderOf(file)) ?? 0) + bytes);
  console.log(`\n${feature}: ${output.bytes} bytes`);
  for (const [folder, bytes] of [...folders].sort((a, b) => b[1] - a[1])) if (bytes > 0) console.log(`${String(bytes).padStart(8)}  ${folder}${/\.[cm]?[jt]s$/.test(folder) ? "" : "/"}`);
  console.log('  largest files:');
  for (const [file, bytes] of [...inputs].sort((a, b) => b[1] - a[1]).slice(0, files)) console.log(`${String(bytes).padStart(8)}  ${file}`);
}
