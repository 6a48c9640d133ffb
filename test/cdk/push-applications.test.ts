import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../../functions/shared/features.js';
import { ImStack, type ImStackProps } from '../../lib/im-stack.js';
import { PushPlatformApplications } from '../../lib/constructs/push-platform-applications.js';

// ---- Prepare ------------------------------------------------------------------------------

const cdkContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };
const json = (value: unknown) => JSON.stringify(value);

const APNS_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/apns-AbCdEf';
const FCM_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/fcm-GhIjKl';
const SANDBOX_APP = 'arn:aws:sns:eu-west-1:123456789012:app/APNS_SANDBOX/im-dev';

function synth(props: ImStackProps) {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new ImStack(app, 'Im', { env: { account: '123456789012', region: 'eu-west-1' }, ...props });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const idOf = (c: IConstruct) => stack.resolve(((c.node.defaultChild ?? c) as CfnElement).logicalId) as string;
  return { stack, template, resources, idOf };
}
type Synth = ReturnType<typeof synth>;

const ofType = (s: Synth, type: string) => Object.entries(s.resources).filter(([, r]) => r.Type === type);
const envOf = (s: Synth, feature: Feature): Record<string, unknown> => s.resources[s.idOf(s.stack.functions.get(feature)!.function)]!.Properties.Environment.Variables;
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
function statementsOfRole(s: Synth, roleId: string): Statement[] {
  const ref = json({ Ref: roleId });
  return ofType(s, 'AWS::IAM::Policy').filter(([, p]) => json(p.Properties.Roles).includes(ref))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actions = (st: Statement) => [st.Action].flat();
/** `{"Fn::Join": ["", [...]]}` with references written as `<Id.Attr>` / `<Ref>`, for reading resolved strings. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}>`;
  if (v.Ref) return `<${v.Ref}>`;
  return json(value);
}

let s: Synth;
let pushApps: PushPlatformApplications;
beforeAll(() => {
  s = synth({
    pushCredentialSecrets: { APNs: APNS_SECRET, 'FCM:42': FCM_SECRET },
    pushPlatformApplicationArns: { APNsSandbox: SANDBOX_APP },
    pushCredentialsRevision: '2026-11',
  });
  pushApps = s.stack.node.findChild('PushApplications') as PushPlatformApplications;
});

// ---- Assess ---------------------------------------------------------------------------------

describe('SNS platform applications from Secrets Manager', () => {
  it('makes one Custom::SnsPlatformApplication per key, named after the stack and the key, served by the provider Lambda', () => {
    const custom = ofType(s, 'Custom::SnsPlatformApplication').map(([, r]) => r.Properties);
    const providerId = s.idOf(pushApps.provider.function);
    expect(custom).toEqual(expect.arrayContaining([
      { ServiceToken: { 'Fn::GetAtt': [providerId, 'Arn'] }, Name: 'Im-APNs', Platform: 'APNS', SecretArn: APNS_SECRET, Revision: '2026-11' },
      { ServiceToken: { 'Fn::GetAtt': [providerId, 'Arn'] }, Name: 'Im-FCM-42', Platform: 'GCM', SecretArn: FCM_SECRET, Revision: '2026-11' },
    ]));
    expect(custom).toHaveLength(2);
    expect(s.resources[providerId]!.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
  });

  it('wires the created ARNs into IM_PUSH_APPLICATIONS beside the given ones, for every Lambda', () => {
    const ids = Object.fromEntries(ofType(s, 'Custom::SnsPlatformApplication').map(([id, r]) => [r.Properties.Name as string, id]));
    for (const feature of ['connections', 'push', 'pushworker', 'broadcast'] as const) {
      const apps = JSON.parse(flatten(s.stack.resolve(envOf(s, feature).IM_PUSH_APPLICATIONS))) as Record<string, string>;
      expect(apps, feature).toEqual({ APNsSandbox: SANDBOX_APP, APNs: `<${ids['Im-APNs']}.Arn>`, 'FCM:42': `<${ids['Im-FCM-42']}.Arn>` });
    }
  });

  it('lets the provider read exactly these secrets and manage exactly these applications, nothing else', () => {
    const statements = statementsOfRole(s, s.idOf(pushApps.provider.role));
    const secrets = statements.filter((st) => actions(st).some((a) => a.startsWith('secretsmanager:')));
    expect(secrets.map((st) => [actions(st), st.Resource])).toEqual([[['secretsmanager:GetSecretValue'], [APNS_SECRET, FCM_SECRET]]]);
    const sns = statements.filter((st) => actions(st).some((a) => a.startsWith('sns:')));
    expect(sns).toHaveLength(1);
    expect(actions(sns[0]!).sort()).toEqual(['sns:CreatePlatformApplication', 'sns:DeletePlatformApplication', 'sns:SetPlatformApplicationAttributes']);
    expect((sns[0]!.Resource as unknown[]).map(flatten)).toEqual([
      'arn:aws:sns:eu-west-1:123456789012:app/APNS/Im-APNs',
      'arn:aws:sns:eu-west-1:123456789012:app/GCM/Im-FCM-42',
    ]);
    expect(statements.flatMap(actions).filter((a) => !/^(logs|secretsmanager|sns):/.test(a))).toEqual([]);
  });

  it('grants the product Lambdas the created applications like given ones: endpoints for routed Lambdas, publish for the worker', () => {
    const routed = statementsOfRole(s, s.idOf(s.stack.functions.get('push')!.role));
    const register = routed.filter((st) => actions(st).includes('sns:CreatePlatformEndpoint')).flatMap((st) => [st.Resource].flat().map(flatten));
    expect(register).toEqual(expect.arrayContaining([SANDBOX_APP, 'arn:aws:sns:eu-west-1:123456789012:app/GCM/Im-FCM-42']));
    const worker = statementsOfRole(s, s.idOf(s.stack.functions.get('pushworker')!.role));
    const publish = worker.filter((st) => actions(st).includes('sns:Publish')).flatMap((st) => [st.Resource].flat().map(flatten));
    expect(publish).toContain('arn:aws:sns:eu-west-1:123456789012:endpoint/APNS/Im-APNs/*');
    expect(worker.flatMap(actions)).not.toContain('sns:CreatePlatformApplication');
  });

  it('keeps credentials out of the template: only secret ARNs, no secret value, output or environment entry', () => {
    const template = json(s.template.toJSON());
    expect(/"SecretString":|PlatformCredential|PlatformPrincipal|private_key|signingKey/.exec(template)?.[0]).toBeUndefined();
    const outputs = json(s.template.toJSON().Outputs);
    expect(outputs).not.toContain('im/apns');
    expect(outputs).not.toContain('PushApplications');
    const providerEnv = s.resources[s.idOf(pushApps.provider.function)]!.Properties.Environment;
    expect(json(providerEnv ?? {})).not.toMatch(/secret|KEY|TOKEN/i);
  });

  it('creates the applications after the provider may use them (its policy first)', () => {
    const policyIds = ofType(s, 'AWS::IAM::Policy').filter(([, p]) => json(p.Properties.Roles).includes(json({ Ref: s.idOf(pushApps.provider.role) }))).map(([id]) => id);
    for (const [, r] of ofType(s, 'Custom::SnsPlatformApplication')) expect(r.DependsOn).toEqual(expect.arrayContaining(policyIds));
  });

  it('finds nothing unacknowledged by cdk-nag', () => {
    const violations = new AwsSolutionsChecks(s.stack).validateScope(s.stack).violations
      .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(violations).toEqual([]);
  });
  // Without pushCredentialSecrets nothing is added: test/cdk/stack.test.ts counts exactly one Lambda per feature.
});

describe('the provider bundle', () => {
  it('is an ESM bundle of the handler that leaves the AWS SDK to the runtime', () => {
    const app = new App({ context: cdkContext });
    const stack = new Stack(app, 'Bundle', { env: { account: '123456789012', region: 'eu-west-1' } });
    const apps = new PushPlatformApplications(stack, 'Apps', { secrets: { FCM: FCM_SECRET }, logRetention: RetentionDays.ONE_DAY });
    const assembly = app.synth();
    const fnProps = (Template.fromStack(stack).toJSON().Resources as Record<string, Resource>)[stack.resolve((apps.provider.function.node.defaultChild as CfnElement).logicalId) as string]!.Properties;
    const manifest = JSON.parse(readFileSync(join(assembly.directory, 'Bundle.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string } }> };
    const bundle = readFileSync(join(assembly.directory, manifest.files[(fnProps.Code.S3Key as string).replace(/\.zip$/, '')]!.source.path, 'index.mjs'), 'utf8');
    // Loaded with require() through the shims of lib/bundling.ts (AWS_SDK_ALIASES), never imported as ESM.
    expect(bundle).toMatch(/\("@aws-sdk\/client-sns"\)/);
    expect(bundle).toMatch(/\("@aws-sdk\/client-secrets-manager"\)/);
    expect(bundle).not.toMatch(/from\s*"@aws-sdk\//);
    expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    expect(bundle.length).toBeLessThan(60_000);
  });
});
