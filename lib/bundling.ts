/**
 * How every Lambda is bundled: an ESM bundle for Node 22 without the AWS SDK
 * (the runtime ships v3). Plain data, shared by the stack and the bundle benchmark.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  minify: true,
  target: 'node22',
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  // CommonJS dependencies bundled into ESM still call require(); give them one.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;
