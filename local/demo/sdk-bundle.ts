import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../client/src/index.ts', import.meta.url));
/** The `@tencentcloud/chat`-compatible entry (client/src/tencent/README.md). */
export const TENCENT_ENTRY = fileURLToPath(new URL('../../client/src/tencent/index.ts', import.meta.url));

/**
 * The client SDK as one browser ES module (esbuild; `ws` stays external, as
 * browsers use their own WebSocket). esbuild is a dev dependency: imported
 * only when a bundle is asked for, never by the Lambda code.
 */
export async function bundleClientSdk(options: { minify?: boolean; entry?: string } = {}): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [options.entry ?? ENTRY], bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    external: ['ws'], minify: options.minify ?? true, write: false, legalComments: 'none', logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
