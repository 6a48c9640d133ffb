import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** Where test/support/feature-bundles.ts keeps each Lambda bundle of this run. */
    bundleCacheDir: string;
  }
}

let dynamo: RunningDynamoDb | undefined;
let bundleCacheDir: string | undefined;

/** One in-memory DynamoDB Local for the whole suite; each test file uses its own table prefix. */
export async function setup(project: TestProject) {
  dynamo = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamo.endpoint);
  bundleCacheDir = mkdtempSync(join(tmpdir(), 'im-test-bundles-'));
  project.provide('bundleCacheDir', bundleCacheDir);
}

export async function teardown() {
  await dynamo?.stop();
  if (bundleCacheDir) rmSync(bundleCacheDir, { recursive: true, force: true });
}
