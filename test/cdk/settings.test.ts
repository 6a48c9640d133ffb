import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../functions/app-config.js';
import { appConfigOf, resolveSettings } from '../../lib/settings.js';

const noContext = () => undefined;
const contextOf = (values: Record<string, unknown>) => (key: string) => values[key];

describe('resolveSettings', () => {
  it('defaults to the sample app', () => {
    expect(resolveSettings({}, noContext)).toEqual({
      sdkAppId: 1400000000, admins: ['administrator'], retentionDays: 7, webhookFailClosed: false,
      stageName: 'prod', logRetention: RetentionDays.ONE_MONTH, configureApiGatewayLogsRole: true,
    });
  });

  it('prefers props to context', () => {
    const settings = resolveSettings({ sdkAppId: 1400000002, stageName: 'v2' }, contextOf({ 'im:sdkAppId': 1400000001, 'im:stageName': 'ctx', 'im:retentionDays': 30 }));
    expect(settings).toMatchObject({ sdkAppId: 1400000002, stageName: 'v2', retentionDays: 30 });
  });

  it('reads command-line context, which is always a string', () => {
    const settings = resolveSettings({}, contextOf({
      'im:sdkAppId': '1400000001', 'im:admins': '["a","b"]', 'im:retentionDays': '90', 'im:webhookFailClosed': 'true',
      'im:logRetention': '7', 'im:pushPlatformApplicationArns': '{"FCM":"arn:aws:sns:eu-west-1:123456789012:app/GCM/im"}',
    }));
    expect(settings).toMatchObject({
      sdkAppId: 1400000001, admins: ['a', 'b'], retentionDays: 90, webhookFailClosed: true, logRetention: RetentionDays.ONE_WEEK,
      pushPlatformApplicationArns: { FCM: 'arn:aws:sns:eu-west-1:123456789012:app/GCM/im' },
    });
    expect(resolveSettings({}, contextOf({ 'im:admins': 'ops, admin2' })).admins).toEqual(['ops', 'admin2']);
  });

  it.each([
    ['sdkAppId', { sdkAppId: 0 }],
    ['sdkAppId', { sdkAppId: 1.5 }],
    ['admins', { admins: [] }],
    ['admins', { admins: Array.from({ length: 11 }, (_, i) => `a${i}`) }],
    ['retentionDays', { retentionDays: 3651 }],
    ['stageName', { stageName: 'has space' }],
    ['callbackUrl', { callbackUrl: 'ftp://x' }],
    ['secretArn', { secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/app' }],
    ['pushPlatformApplicationArns.FCM', { pushPlatformApplicationArns: { FCM: 'arn:aws:sns:eu-west-1:123456789012:topic' } }],
    // The runtime looks applications up as APNs, APNsSandbox or FCM (push-applications.ts); an SNS platform name would never match.
    ['pushPlatformApplicationArns.GCM', { pushPlatformApplicationArns: { GCM: 'arn:aws:sns:eu-west-1:123456789012:app/GCM/im' } }],
    ['pushCredentialSecrets.APNS', { pushCredentialSecrets: { APNS: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/apns-AbCdEf' } }],
    ['pushCredentialSecrets.FCM', { pushCredentialSecrets: { FCM: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/fcm' } }],
    ['pushCredentialSecrets', {
      pushCredentialSecrets: { FCM: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:im/fcm-AbCdEf' },
      pushPlatformApplicationArns: { FCM: 'arn:aws:sns:eu-west-1:123456789012:app/GCM/im' },
    }],
    ['logRetention', { logRetention: 8 as RetentionDays }],
  ])('refuses a bad %s', (name, props) => {
    expect(() => resolveSettings(props, noContext)).toThrow(`setting ${name} `);
  });
});

describe('appConfigOf', () => {
  it('builds an IM_APP_CONFIG the runtime parses back to the same settings', () => {
    const settings = resolveSettings({ sdkAppId: 1400000005, admins: ['ops'], retentionDays: 14, callbackUrl: 'https://hooks.example.com/im', webhookFailClosed: true }, noContext);
    const config = parseAppConfig(JSON.parse(JSON.stringify(appConfigOf(settings))));
    expect(config).toMatchObject({ sdkAppId: 1400000005, admins: ['ops'], retentionDays: 14, webhook: { url: 'https://hooks.example.com/im', timeoutMs: 2000, failClosed: true } });
  });

  it('leaves the webhook URL out when there is none', () => {
    expect(appConfigOf(resolveSettings({}, noContext)).webhook).toEqual({ timeoutMs: 2000, failClosed: false });
  });
});
