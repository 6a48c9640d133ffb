/**
 * SNS platform applications made from credentials kept in Secrets Manager:
 * the logic of the `Custom::SnsPlatformApplication` resource the CDK stack
 * creates when given `pushCredentialSecrets` (lib/constructs/push-platform-applications.ts).
 * SNS and Secrets Manager are behind the two interfaces below; the Lambda
 * wrapper is platform-application-handler.ts.
 *
 * Secret values never leave this module except as SNS attributes: errors name
 * the secret's ARN and the fields expected, never a value.
 */

/** SNS platform names (`Platform` of CreatePlatformApplication). */
export type SnsPlatform = 'APNS' | 'APNS_SANDBOX' | 'GCM';

/** The custom resource's properties, as CloudFormation passes them (all strings). */
export interface PlatformApplicationProps {
  /** SNS application name: the stack name and the application key. */
  Name: string;
  Platform: SnsPlatform;
  /** Complete ARN of the secret holding the credentials. */
  SecretArn: string;
  /** Changing it makes CloudFormation send an Update, which re-reads the secret (after a rotation). */
  Revision?: string;
}

/** The subset of a CloudFormation custom-resource request the logic reads. */
export type PlatformApplicationEvent =
  | { RequestType: 'Create'; ResourceProperties: PlatformApplicationProps }
  | { RequestType: 'Update'; PhysicalResourceId: string; ResourceProperties: PlatformApplicationProps; OldResourceProperties: PlatformApplicationProps }
  | { RequestType: 'Delete'; PhysicalResourceId: string; ResourceProperties: PlatformApplicationProps };

export interface PlatformApplicationResult {
  /** The application's ARN (a new one makes CloudFormation delete the old). */
  PhysicalResourceId: string;
  Data: { Arn: string };
}

/** SNS platform-application calls (SNS in AWS, the SNS stand-in locally). */
export interface PlatformApplicationGateway {
  create(name: string, platform: SnsPlatform, attributes: Record<string, string>): Promise<string>;
  setAttributes(arn: string, attributes: Record<string, string>): Promise<void>;
  /** Succeeds when the application is already gone. */
  delete(arn: string): Promise<void>;
}

/** Reads a secret's string value. */
export type SecretReader = (secretArn: string) => Promise<string>;

export class PushCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushCredentialsError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (o: Record<string, unknown>, key: string): o is Record<string, string> => typeof o[key] === 'string' && (o[key] as string).trim() !== '';

/** APNs token credentials: the .p8 signing key, its key ID, the team and the app's bundle ID. */
const APNS_TOKEN_FIELDS = ['signingKey', 'signingKeyId', 'teamId', 'bundleId'] as const;
/** APNs certificate credentials: the certificate and its private key, PEM. */
const APNS_CERT_FIELDS = ['certificate', 'privateKey'] as const;
/** Fields every Firebase service-account key file has. */
const FCM_FIELDS = ['type', 'project_id', 'private_key', 'client_email'] as const;

/**
 * The SNS attributes for a secret's value. The secret holds JSON:
 * - APNs (token): `{"signingKey": "-----BEGIN PRIVATE KEY-----...", "signingKeyId", "teamId", "bundleId"}`
 * - APNs (certificate): `{"certificate": "-----BEGIN CERTIFICATE-----...", "privateKey": "-----BEGIN ... PRIVATE KEY-----..."}`
 * - FCM: the Firebase service-account key file as downloaded (`"type": "service_account"`, ...), which SNS takes whole (FCM HTTP v1).
 */
export function credentialAttributes(platform: SnsPlatform, secretArn: string, secretValue: string): Record<string, string> {
  let parsed: unknown;
  try { parsed = JSON.parse(secretValue); } catch { parsed = undefined; }
  if (!isObject(parsed)) throw new PushCredentialsError(`secret ${secretArn} must hold a JSON object`);
  if (platform === 'GCM') {
    const missing = FCM_FIELDS.filter((f) => !filled(parsed, f));
    if (missing.length > 0 || parsed.type !== 'service_account') {
      throw new PushCredentialsError(`secret ${secretArn} must hold a Firebase service-account key file (JSON with type "service_account", project_id, private_key, client_email); missing or wrong: ${missing.join(', ') || 'type'}`);
    }
    return { PlatformCredential: JSON.stringify(parsed) };
  }
  if (APNS_TOKEN_FIELDS.every((f) => filled(parsed, f))) {
    const p = parsed as Record<(typeof APNS_TOKEN_FIELDS)[number], string>;
    return { PlatformCredential: p.signingKey, PlatformPrincipal: p.signingKeyId, ApplePlatformTeamID: p.teamId, ApplePlatformBundleID: p.bundleId };
  }
  if (APNS_CERT_FIELDS.every((f) => filled(parsed, f))) {
    const p = parsed as Record<(typeof APNS_CERT_FIELDS)[number], string>;
    return { PlatformCredential: p.privateKey, PlatformPrincipal: p.certificate };
  }
  throw new PushCredentialsError(`secret ${secretArn} for ${platform} must hold either token credentials {${APNS_TOKEN_FIELDS.join(', ')}} or certificate credentials {${APNS_CERT_FIELDS.join(', ')}}`);
}

const SNS_PLATFORMS: readonly string[] = ['APNS', 'APNS_SANDBOX', 'GCM'];

function checkProps(props: PlatformApplicationProps): void {
  if (!/^[A-Za-z0-9_.-]{1,256}$/.test(props.Name ?? '')) throw new PushCredentialsError('Name must be 1 to 256 letters, digits, "_", "-" or "."');
  if (!SNS_PLATFORMS.includes(props.Platform)) throw new PushCredentialsError(`Platform must be one of ${SNS_PLATFORMS.join(', ')}`);
  if (!/^arn:[a-z-]+:secretsmanager:/.test(props.SecretArn ?? '')) throw new PushCredentialsError('SecretArn must be a Secrets Manager secret ARN');
}

/**
 * Create: reads the secret and creates the application. Update: a new name or
 * platform is a new application (CloudFormation then deletes the old one);
 * otherwise the credentials are re-read and set on the same application.
 * Delete: deletes the application (nothing when creation never got an ARN).
 */
export async function onPlatformApplicationEvent(
  deps: { sns: PlatformApplicationGateway; readSecret: SecretReader },
  event: PlatformApplicationEvent,
): Promise<PlatformApplicationResult> {
  const props = event.ResourceProperties;
  const result = (arn: string): PlatformApplicationResult => ({ PhysicalResourceId: arn, Data: { Arn: arn } });
  if (event.RequestType === 'Delete') {
    if (event.PhysicalResourceId.startsWith('arn:')) await deps.sns.delete(event.PhysicalResourceId);
    return result(event.PhysicalResourceId);
  }
  checkProps(props);
  const attributes = credentialAttributes(props.Platform, props.SecretArn, await deps.readSecret(props.SecretArn));
  if (event.RequestType === 'Update' && event.PhysicalResourceId.startsWith('arn:')
    && event.OldResourceProperties.Name === props.Name && event.OldResourceProperties.Platform === props.Platform) {
    await deps.sns.setAttributes(event.PhysicalResourceId, attributes);
    return result(event.PhysicalResourceId);
  }
  return result(await deps.sns.create(props.Name, props.Platform, attributes));
}
