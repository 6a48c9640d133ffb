import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBody } from '../../local/gateway/http-api.js';
import { LocalSns } from '../../local/sns-standin.js';
import {
  platformApplicationHandler, putWithFetch, type CustomResourceRequest, type CustomResourceResponse,
} from '../../functions/push/platform-application-handler.js';
import { SnsPlatformApplications } from '../../functions/push/platform-application-sns.js';
import type { PlatformApplicationProps } from '../../functions/push/platform-application.js';

// ---- Prepare: the SNS stand-in and a CloudFormation response bucket on one local server ----

let sns: LocalSns;
let server: Server;
let base: string;
/** What CloudFormation received on its pre-signed URLs, by path. */
const responses = new Map<string, { body: CustomResourceResponse; contentType: string | undefined }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/sns')) return void sns.serve(req, res);
    void readBody(req).then((body) => {
      responses.set(req.url ?? '', { body: JSON.parse(body.toString('utf8')) as CustomResourceResponse, contentType: req.headers['content-type'] });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => { sns = new LocalSns(); responses.clear(); });

const APNS_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/apns-AbCdEf';
const FCM_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/fcm-GhIjKl';
const SIGNING_KEY = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----';
const serviceAccount = { type: 'service_account', project_id: 'im-app', private_key_id: 'k1', private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', client_email: 'push@im-app.iam.gserviceaccount.com' };
/** Secrets Manager's side: what each secret holds now (tests rotate them). */
let secrets: Record<string, string>;
beforeEach(() => {
  secrets = {
    [APNS_SECRET]: JSON.stringify({ signingKey: SIGNING_KEY, signingKeyId: 'ABC123DEFG', teamId: 'TEAM123456', bundleId: 'com.example.im' }),
    [FCM_SECRET]: JSON.stringify(serviceAccount),
  };
});

const handler = () => platformApplicationHandler({
  sns: new SnsPlatformApplications(new SNSClient({ endpoint: `${base}/sns`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })),
  readSecret: async (arn) => {
    const value = secrets[arn];
    if (value === undefined) throw Object.assign(new Error(`Secrets Manager can't find the specified secret.`), { name: 'ResourceNotFoundException' });
    return value;
  },
  put: putWithFetch,
});

let n = 0;
function request(type: 'Create', props: PlatformApplicationProps): CustomResourceRequest;
function request(type: 'Update', props: PlatformApplicationProps, physicalId: string, old: PlatformApplicationProps): CustomResourceRequest;
function request(type: 'Delete', props: PlatformApplicationProps, physicalId: string): CustomResourceRequest;
function request(type: 'Create' | 'Update' | 'Delete', props: PlatformApplicationProps, physicalId?: string, old?: PlatformApplicationProps): CustomResourceRequest {
  n++;
  return {
    RequestType: type, ResourceProperties: props, ResponseURL: `${base}/cfn/${n}?X-Amz-Signature=x`,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Im/1', RequestId: `req-${n}`, LogicalResourceId: 'PushApplicationsAPNs',
    ...(physicalId !== undefined && { PhysicalResourceId: physicalId }),
    ...(old && { OldResourceProperties: old }),
  } as CustomResourceRequest;
}
/** Runs the handler and returns what CloudFormation was told. */
async function run(event: CustomResourceRequest): Promise<CustomResourceResponse> {
  await handler()(event);
  const got = responses.get(new URL(event.ResponseURL).pathname + new URL(event.ResponseURL).search);
  expect(got, 'CloudFormation got no answer').toBeDefined();
  expect(got!.contentType ?? '').toBe('');
  return got!.body;
}

const apns: PlatformApplicationProps = { Name: 'Im-APNs', Platform: 'APNS', SecretArn: APNS_SECRET };
const fcm: PlatformApplicationProps = { Name: 'Im-FCM-42', Platform: 'GCM', SecretArn: FCM_SECRET };

// ---- Assess ---------------------------------------------------------------------------------

describe('Custom::SnsPlatformApplication create', () => {
  it('creates an APNs application from token credentials and answers its ARN, never the credentials', async () => {
    const res = await run(request('Create', apns));
    const arn = 'arn:aws:sns:us-east-1:000000000000:app/APNS/Im-APNs';
    expect(res).toEqual({
      Status: 'SUCCESS', PhysicalResourceId: arn, Data: { Arn: arn },
      StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Im/1', RequestId: expect.any(String), LogicalResourceId: 'PushApplicationsAPNs',
    });
    expect(sns.applications.get(arn)).toEqual({
      arn, name: 'Im-APNs', platform: 'APNS',
      attributes: { PlatformCredential: SIGNING_KEY, PlatformPrincipal: 'ABC123DEFG', ApplePlatformTeamID: 'TEAM123456', ApplePlatformBundleID: 'com.example.im' },
    });
    // The stand-in's outbox (what /_local/push-outbox shows) has the call, with the credentials redacted.
    const call = sns.outbox.find((e) => e.action === 'CreatePlatformApplication')!;
    expect(call.result).toEqual({ PlatformApplicationArn: arn });
    expect(JSON.stringify(sns.outbox)).not.toContain('BEGIN PRIVATE KEY');
    expect(JSON.stringify(sns.outbox)).not.toContain('ABC123DEFG');
    expect(JSON.stringify(sns.outbox)).toContain('TEAM123456');
  });

  it('creates an APNs application from certificate credentials', async () => {
    secrets[APNS_SECRET] = JSON.stringify({ certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----' });
    const res = await run(request('Create', { ...apns, Platform: 'APNS_SANDBOX', Name: 'Im-APNsSandbox' }));
    expect(res.Status).toBe('SUCCESS');
    expect(sns.applications.get(res.PhysicalResourceId)).toMatchObject({
      platform: 'APNS_SANDBOX',
      attributes: { PlatformPrincipal: expect.stringContaining('BEGIN CERTIFICATE'), PlatformCredential: expect.stringContaining('RSA PRIVATE KEY') },
    });
  });

  it('creates an FCM application whose credential is the whole service-account file', async () => {
    const res = await run(request('Create', fcm));
    expect(res).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'arn:aws:sns:us-east-1:000000000000:app/GCM/Im-FCM-42' });
    const app = sns.applications.get(res.PhysicalResourceId)!;
    expect(JSON.parse(app.attributes.PlatformCredential!)).toEqual(serviceAccount);
    expect(app.attributes.PlatformPrincipal).toBeUndefined();
  });

  it.each([
    ['not JSON', 'hunter2-not-json', /must hold a JSON object/],
    ['APNs fields missing', JSON.stringify({ signingKey: 'SECRET-VALUE-1', teamId: 'T' }), /signingKey, signingKeyId, teamId, bundleId.*certificate, privateKey/],
  ])('fails the resource on a bad APNs secret (%s), naming the fields, never the value, and creates nothing', async (_case, value, reason) => {
    secrets[APNS_SECRET] = value;
    const res = await run(request('Create', apns));
    expect(res).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(reason), PhysicalResourceId: 'failed-PushApplicationsAPNs' });
    expect(res.Reason).toContain(APNS_SECRET);
    expect(JSON.stringify(res)).not.toMatch(/hunter2|SECRET-VALUE-1/);
    expect(sns.outbox.filter((e) => e.action === 'CreatePlatformApplication')).toEqual([]);
    expect(res.Data).toBeUndefined();
  });

  it('fails the resource on a secret that is not a service account for FCM, or that cannot be read', async () => {
    secrets[FCM_SECRET] = JSON.stringify({ apiKey: 'AIza-legacy-key' });
    const bad = await run(request('Create', fcm));
    expect(bad).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('service-account') });
    expect(JSON.stringify(bad)).not.toContain('AIza');
    const missing = await run(request('Create', { ...fcm, SecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone-ZzZzZz' }));
    expect(missing).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('ResourceNotFoundException') });
    expect(sns.applications.size).toBe(0);
  });

  it('refuses a bad name before calling SNS, and passes SNS refusals on to CloudFormation', async () => {
    expect(await run(request('Create', { ...apns, Name: 'bad name!' }))).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('Name') });
    expect(sns.outbox).toEqual([]);
    // An application deleted behind CloudFormation's back: SNS says NotFound.
    const gone = 'arn:aws:sns:us-east-1:000000000000:app/APNS/Im-APNs';
    expect(await run(request('Update', { ...apns, Revision: '2' }, gone, apns))).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/^NotFound/), PhysicalResourceId: gone });
  });
});

describe('Custom::SnsPlatformApplication update and delete', () => {
  it('an update with the same name re-reads the secret and sets it on the same application (a rotation)', async () => {
    const { PhysicalResourceId: arn } = await run(request('Create', apns));
    secrets[APNS_SECRET] = JSON.stringify({ signingKey: 'NEW-KEY', signingKeyId: 'NEWKEYID01', teamId: 'TEAM123456', bundleId: 'com.example.im' });
    const res = await run(request('Update', { ...apns, Revision: '2' }, arn, apns));
    expect(res).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn, Data: { Arn: arn } });
    expect(sns.outbox.map((e) => e.action)).toEqual(['CreatePlatformApplication', 'SetPlatformApplicationAttributes']);
    expect(sns.applications.get(arn)!.attributes).toMatchObject({ PlatformCredential: 'NEW-KEY', PlatformPrincipal: 'NEWKEYID01' });
  });

  it('an update to another name or platform makes a new application (CloudFormation then deletes the old one)', async () => {
    const { PhysicalResourceId: old } = await run(request('Create', apns));
    const res = await run(request('Update', { ...apns, Name: 'Im2-APNs' }, old, apns));
    expect(res).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'arn:aws:sns:us-east-1:000000000000:app/APNS/Im2-APNs' });
    expect(sns.applications.has(old)).toBe(true);
    expect(await run(request('Delete', apns, old))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: old });
    expect([...sns.applications.keys()]).toEqual([res.PhysicalResourceId]);
  });

  it('a failed update keeps the application and its id', async () => {
    const { PhysicalResourceId: arn } = await run(request('Create', apns));
    secrets[APNS_SECRET] = '{}';
    expect(await run(request('Update', { ...apns, Revision: '3' }, arn, apns))).toMatchObject({ Status: 'FAILED', PhysicalResourceId: arn });
    expect(sns.applications.get(arn)!.attributes.PlatformPrincipal).toBe('ABC123DEFG');
  });

  it('delete removes the application and its device endpoints; deleting it again, or a failed create, succeeds without SNS', async () => {
    const { PhysicalResourceId: arn } = await run(request('Create', fcm));
    const endpoint = (await new SNSClient({ endpoint: `${base}/sns`, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } })
      .send(new (await import('@aws-sdk/client-sns')).CreatePlatformEndpointCommand({ PlatformApplicationArn: arn, Token: 'device-1' }))).EndpointArn!;
    expect(await run(request('Delete', fcm, arn))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(sns.applications.size).toBe(0);
    const publish = await fetch(`${base}/sns`, { method: 'POST', body: new URLSearchParams({ Action: 'Publish', TargetArn: endpoint, Message: 'x' }) });
    expect(publish.status).toBe(404);
    expect(await run(request('Delete', fcm, arn))).toMatchObject({ Status: 'SUCCESS' });
    const calls = sns.outbox.length;
    expect(await run(request('Delete', fcm, 'failed-PushApplicationsAPNs'))).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'failed-PushApplicationsAPNs' });
    expect(sns.outbox.length).toBe(calls);
  });
});
