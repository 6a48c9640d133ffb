/** The AWS SDK v3 packages the functions import (each has a shim in functions/shared/aws/sdk-cjs/). */
export const AWS_SDK_PACKAGES = [
  'client-apigatewaymanagementapi', 'client-dynamodb', 'client-s3', 'client-secrets-manager', 'client-sns', 'client-sqs', 'lib-dynamodb',
  's3-request-presigner', 'util-dynamodb',
] as const;

/**
 * The SDK stays external, but bundles load it with require() through a one-line CommonJS shim: Node's ESM
 * loader scans a CommonJS package imported from ESM for its export names first, and for the DynamoDB client
 * and lib-dynamodb that scan alone took about as long as loading them (docs/performance.md, bundles).
 * Paths are relative to the project root, the working directory of the stack's and the benchmark's esbuild.
 */
export const AWS_SDK_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  AWS_SDK_PACKAGES.map((name) => [`@aws-sdk/${name}`, `./functions/shared/aws/sdk-cjs/${name}.cjs`]),
);

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
  // CommonJS dependencies bundled into ESM still call require(); give them one (the SDK shims use it too).
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  esbuildArgs: { '--alias': Object.entries(AWS_SDK_ALIASES).map(([from, to]) => `${from}=${to}`) },
} as const;
