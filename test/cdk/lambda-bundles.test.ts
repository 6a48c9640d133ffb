import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { LAMBDA_BUILD_OPTIONS } from '../../bench/bundles.js';
import { featureBundle } from '../support/feature-bundles.js';
import { FEATURES, type Feature } from '../../functions/shared/features.js';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';

const ROOT = LAMBDA_BUILD_OPTIONS.absWorkingDir;
// The bundles run from a directory with no node_modules above it and find the SDK only through NODE_PATH,
// as in Lambda (/var/runtime/node_modules). ESM import() ignores NODE_PATH: only require() finds the SDK there.
const dir = mkdtempSync(join(tmpdir(), 'im-bundles-'));
const lambdaEnv = () => ({ ...process.env, NODE_PATH: join(ROOT, 'node_modules'), AWS_REGION: 'us-east-1' });

/** Imports the bundle (as `bundle`) in a fresh Node, runs `body`; the SDK packages loaded at init and at the end. */
async function inFreshNode(file: string, body = ''): Promise<{ atInit: string[]; after: string[]; result: unknown }> {
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(${JSON.stringify(file)}).cache;
    const sdk = () => [...new Set(Object.keys(cache).map((f) => /node_modules\\/@aws-sdk\\/([^/]+)\\//.exec(f)?.[1]).filter(Boolean))].sort();
    const bundle = await import(${JSON.stringify(file)});
    const atInit = sdk();
    const result = await (async () => { ${body} })();
    console.log(JSON.stringify({ atInit, after: sdk(), result }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: lambdaEnv() });
  return JSON.parse(stdout) as { atInit: string[]; after: string[]; result: unknown };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it.each(Object.keys(FEATURES) as Feature[])('%s loads the SDK with require(), and at init only DynamoDB and @connections', async (feature) => {
    const code = Buffer.from((await featureBundle(feature)).code).toString();
    expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    expect(code).not.toMatch(/import\(\s*"@aws-sdk\//);
    const file = join(dir, `${feature}.mjs`);
    writeFileSync(file, code);
    const { atInit } = await inFreshNode(file, 'return typeof bundle.handler');
    expect(atInit).toContain('client-dynamodb');
    expect(atInit.filter((p) => p.startsWith('client-') && p !== 'client-dynamodb' && p !== 'client-apigatewaymanagementapi')).toEqual([]);
  });

  describe('built services, against the local stack', () => {
    let stack: LocalStack;
    let file: string;
    beforeAll(async () => {
      stack = await startTestStack();
      const result = await build({
        ...LAMBDA_BUILD_OPTIONS,
        stdin: { contents: "export { allServicesFromEnv } from './test/support/all-services.ts';", resolveDir: ROOT, loader: 'ts' },
      });
      file = join(dir, 'services.mjs');
      writeFileSync(file, result.outputFiles[0]!.contents);
    });
    afterAll(async () => { await stack?.stop(); });

    it('load SNS on the first push call and SQS on the first enqueue, then use them', async () => {
      const app = 'arn:aws:sns:us-east-1:000000000000:app/GCM/demo';
      const { atInit, after, result } = await inFreshNode(file, `
        const services = bundle.allServicesFromEnv(process.env);
        const beforeCalls = sdk();
        const arn = await services.push.registerEndpoint(${JSON.stringify(app)}, ${JSON.stringify(uniqueId('token'))}, 'u');
        const afterPush = sdk();
        await services.pushQueue.enqueue([]);
        const afterEmptyQueue = sdk();
        // A job with no recipients: the push worker behind the SQS stand-in has nothing to send.
        await services.pushQueue.enqueue([{ kind: 'C2C', msgBody: [], sender: { userId: 'u' }, recipients: [], enqueuedAt: Date.now() }]);
        return { beforeCalls, arn, afterPush, afterEmptyQueue };`);
      expect(atInit).not.toContain('client-sns');
      expect(result).toMatchObject({ arn: expect.stringMatching(/^arn:aws:sns:us-east-1:000000000000:endpoint\/GCM\/demo\//) });
      const { beforeCalls, afterPush, afterEmptyQueue } = result as Record<'beforeCalls' | 'afterPush' | 'afterEmptyQueue', string[]>;
      expect(beforeCalls).not.toContain('client-sns');
      expect(beforeCalls).not.toContain('client-sqs');
      expect(afterPush).toContain('client-sns');
      expect(afterEmptyQueue).not.toContain('client-sqs');
      expect(after).toContain('client-sqs');
      expect(stack.sns.outbox.some((call) => JSON.stringify(call).includes(app))).toBe(true);
    });
  });
});
