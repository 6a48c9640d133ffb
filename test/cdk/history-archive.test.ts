// The message log in the stack: the Messages table's stream, the bucket's security settings, the archiver's
// event source, and that only the archiver and the get_history Lambda are granted the bucket.
import { readFileSync } from 'node:fs';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_LOG_BUCKET_ENV } from '../../functions/history/archive-source.js';
import { ImStack } from '../../lib/im-stack.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
const json = (value: unknown) => JSON.stringify(value);

let stack: ImStack;
let resources: Record<string, Resource>;
let idOf: (c: IConstruct) => string;

beforeAll(() => {
  const context = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;
  // Wiring only: no esbuild bundles.
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  stack = new ImStack(app, 'Im', { env: { account: '123456789012', region: 'eu-west-1' }, retentionDays: 9 });
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  idOf = (c) => stack.resolve(((c.node.defaultChild ?? c) as CfnElement).logicalId) as string;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('message log (open_msg_svc/get_history)', () => {
  it('streams the Messages table with new images, and no other table', () => {
    const streams = ofType('AWS::DynamoDB::Table').filter(([, r]) => r.Properties.StreamSpecification);
    expect(streams.map(([, r]) => r.Properties.StreamSpecification)).toEqual([{ StreamViewType: 'NEW_IMAGE' }]);
    expect(streams[0]![0]).toMatch(/Messages/);
  });

  it('keeps the files in an encrypted, private, TLS-only bucket that expires them with the messages', () => {
    const bucketId = idOf(stack.messageLog.bucket);
    const bucket = resources[bucketId]!;
    expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 9, Status: 'Enabled' })]);
    expect(bucket.DeletionPolicy).toBe('Retain');
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => json(p.Properties.Bucket) === json({ Ref: bucketId }))!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' },
    }));
  });

  it('feeds the archiver from the stream, message inserts only, in batches', () => {
    const archiverId = idOf(stack.messageLog.archiver.function);
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => json(m.Properties.FunctionName) === json({ Ref: archiverId }));
    expect(mappings).toHaveLength(1);
    const m = mappings[0]![1].Properties;
    expect(json(m.EventSourceArn)).toMatch(/Messages.*StreamArn/);
    expect(m).toMatchObject({ StartingPosition: 'LATEST', BatchSize: 1000, MaximumBatchingWindowInSeconds: 60, MaximumRetryAttempts: 10 });
    expect(JSON.parse(m.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { Keys: { pk: { S: [{ prefix: 'C#c2c:' }, { prefix: 'C#group:' }] }, sk: { S: [{ prefix: 'M#' }] } } },
    });
  });

  it('grants the bucket to the archiver (write) and the get_history Lambda (read) only', () => {
    const bucketId = idOf(stack.messageLog.bucket);
    const archiverRole = idOf(stack.messageLog.archiver.role);
    const historyRole = idOf(stack.functions.get('history')!.role);
    const grants = new Map<string, string[]>();
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>) {
        if (!json(statement.Resource).includes(bucketId)) continue;
        for (const role of policy.Properties.Roles as Array<{ Ref: string }>) {
          grants.set(role.Ref, [...(grants.get(role.Ref) ?? []), ...[statement.Action].flat()].sort());
        }
      }
    }
    expect(Object.fromEntries(grants)).toEqual({ [archiverRole]: ['s3:PutObject'], [historyRole]: ['s3:GetObject', 's3:ListBucket'] });
    const named = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.[MESSAGE_LOG_BUCKET_ENV]);
    expect(named.map(([id]) => id).sort()).toEqual([idOf(stack.messageLog.archiver.function), idOf(stack.functions.get('history')!.function)].sort());
  });

  it('gives the archiver no table, secret or API access beyond the stream', () => {
    const archiverRole = idOf(stack.messageLog.archiver.role);
    const actions = ofType('AWS::IAM::Policy')
      .filter(([, p]) => json(p.Properties.Roles).includes(archiverRole))
      .flatMap(([, p]) => (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => [s.Action].flat()));
    const unexpected = actions.filter((a) => !/^(s3:PutObject|logs:(CreateLogStream|PutLogEvents)|dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams))$/.test(a));
    expect(unexpected).toEqual([]);
    expect(actions).toContain('dynamodb:GetRecords');
  });

  it('leaves no cdk-nag finding unacknowledged in the message log', () => {
    const findings = new AwsSolutionsChecks(stack).validateScope(stack.messageLog).violations
      .map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
  });
});
