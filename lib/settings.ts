import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { AppConfigInput } from '../functions/app-config.js';
import { PUSH_APPLICATION_KEY } from '../functions/push/push-applications.js';
import { FEATURES, type Feature } from '../functions/shared/features.js';

/**
 * What an operator chooses per deployment. Each setting comes from the stack
 * props, else from cdk.json context `im:<name>` (or `cdk synth -c im:<name>=...`),
 * else from the default below.
 */
export interface ImSettings {
  /** The Tencent SDKAppID clients and REST callers present. */
  sdkAppId: number;
  /** App admin identifiers; only they may call the REST API (1 to 10). */
  admins: string[];
  /** Days a stored message is kept (DynamoDB TTL). */
  retentionDays: number;
  /** Webhook (third-party callback) URL; absent means no callbacks. */
  callbackUrl?: string;
  /** Whether a failed before-callback blocks the event (Tencent lets it through). */
  webhookFailClosed: boolean;
  /** WebSocket stage name; part of the client URL. */
  stageName: string;
  /** Full ARN of an existing secret `{"secretKey", "callbackToken"?}`; absent means CloudFormation generates one. */
  secretArn?: string;
  /**
   * Push application key -> an existing SNS platform application ARN. Keys are
   * `APNs`, `APNsSandbox`, `FCM`, optionally `:<BusinessID>` (functions/push/push-applications.ts).
   */
  pushPlatformApplicationArns?: Record<string, string>;
  /**
   * Push application key -> complete ARN of a Secrets Manager secret with its
   * credentials; the stack creates the SNS platform application from it
   * (lib/constructs/push-platform-applications.ts). A key may not be in both maps.
   */
  pushCredentialSecrets?: Record<string, string>;
  /** Change it to make the next deploy re-read the push credential secrets (after rotating one). */
  pushCredentialsRevision?: string;
  /** Retention of the Lambda and access log groups. */
  logRetention: RetentionDays;
  /**
   * Whether to set this region's API Gateway CloudWatch Logs role. WebSocket
   * stages cannot log without it; turn off when the account already has one.
   */
  configureApiGatewayLogsRole: boolean;
  /**
   * Feature -> reserved concurrent executions of its Lambda (e.g. `{"c2c": 200}`): a feature cannot starve the
   * others of the account's concurrency, and is throttled beyond it (API Gateway answers at once; docs/performance.md).
   */
  reservedConcurrency?: Partial<Record<Feature, number>>;
  /** The WebSocket stage's throttle: steady frames per second and burst, over all clients (default 1000 / 2000). */
  webSocketThrottle?: StageThrottle;
  /** The REST stage's throttle (default 200 / 400, Tencent's default REST frequency). */
  restThrottle?: StageThrottle;
}

export interface StageThrottle { rateLimit: number; burstLimit: number }

export type ImSettingsProps = Partial<ImSettings>;

type Context = (key: string) => unknown;

const DEFAULTS = {
  sdkAppId: 1400000000,
  admins: ['administrator'],
  retentionDays: 7,
  webhookFailClosed: false,
  stageName: 'prod',
  logRetention: RetentionDays.ONE_MONTH,
  configureApiGatewayLogsRole: true,
} as const;

class SettingsError extends Error {
  constructor(name: string, problem: string) {
    super(`setting ${name} (prop or context im:${name}) ${problem}`);
    this.name = 'SettingsError';
  }
}

/* Context values typed on the command line arrive as strings; cdk.json gives JSON types. */

const asInt = (name: string, value: unknown, min: number, max: number): number => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new SettingsError(name, `must be an integer from ${min} to ${max}`);
  return n;
};

const asBoolean = (name: string, value: unknown): boolean => {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new SettingsError(name, 'must be true or false');
};

const asString = (name: string, value: unknown, pattern: RegExp): string => {
  if (typeof value !== 'string' || !pattern.test(value)) throw new SettingsError(name, `must match ${pattern}`);
  return value;
};

const asJson = (value: unknown): unknown => {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  return JSON.parse(value) as unknown;
};

const asAdmins = (value: unknown): string[] => {
  const list = typeof value === 'string' && !value.trimStart().startsWith('[') ? value.split(',').map((s) => s.trim()) : asJson(value);
  if (!Array.isArray(list) || list.length < 1 || list.length > 10 || !list.every((a) => typeof a === 'string' && a.length > 0)) {
    throw new SettingsError('admins', 'must be 1 to 10 identifiers (a JSON array or a comma-separated list)');
  }
  return list as string[];
};

const PLATFORM_APP_ARN = /^arn:[a-z-]+:sns:[a-z0-9-]+:\d{12}:app\/[A-Z_]+\/[\w.-]+$/;

const SECRET_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

/** A map from push application keys (APNs, APNsSandbox, FCM, optionally :<BusinessID>) to ARNs matching `arn`. */
const asPushMap = (name: 'pushPlatformApplicationArns' | 'pushCredentialSecrets', what: string, arn: RegExp) => (value: unknown): Record<string, string> => {
  const map = asJson(value);
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new SettingsError(name, `must map a push application key to ${what}`);
  for (const [key, v] of Object.entries(map)) {
    if (!PUSH_APPLICATION_KEY.test(key)) throw new SettingsError(`${name}.${key}`, 'has a key that is not APNs, APNsSandbox or FCM (optionally :<BusinessID>)');
    asString(`${name}.${key}`, v, arn);
  }
  return map as Record<string, string>;
};
const asPushApplications = asPushMap('pushPlatformApplicationArns', 'an SNS platform application ARN', PLATFORM_APP_ARN);
const asPushSecrets = asPushMap('pushCredentialSecrets', 'the complete ARN of a Secrets Manager secret', SECRET_ARN);

const asRetention = (value: unknown): RetentionDays => {
  const days = typeof value === 'string' ? Number(value) : value;
  if (!(Object.values(RetentionDays) as unknown[]).includes(days)) throw new SettingsError('logRetention', 'must be a CloudWatch Logs retention in days (1, 3, 5, 7, 14, 30, ...)');
  return days as RetentionDays;
};

const asReservedConcurrency = (value: unknown): Partial<Record<Feature, number>> => {
  const map = asJson(value);
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new SettingsError('reservedConcurrency', 'must map feature names to numbers of executions');
  for (const [feature, n] of Object.entries(map)) {
    if (!(feature in FEATURES)) throw new SettingsError(`reservedConcurrency.${feature}`, `names no feature (${Object.keys(FEATURES).join(', ')})`);
    asInt(`reservedConcurrency.${feature}`, n, 1, 10_000);
  }
  return map as Partial<Record<Feature, number>>;
};

const asThrottle = (name: 'webSocketThrottle' | 'restThrottle') => (value: unknown): StageThrottle => {
  const t = asJson(value) as Partial<StageThrottle> | null;
  if (typeof t !== 'object' || t === null) throw new SettingsError(name, 'must be {"rateLimit": n, "burstLimit": n}');
  const rateLimit = asInt(`${name}.rateLimit`, t.rateLimit, 1, 1_000_000);
  const burstLimit = asInt(`${name}.burstLimit`, t.burstLimit, 1, 1_000_000);
  return { rateLimit, burstLimit };
};

/** Props win over context, context over defaults; every value is checked so a bad setting fails at synth, not at cold start. */
export function resolveSettings(props: ImSettingsProps, context: Context): ImSettings {
  const pick = <K extends keyof ImSettings>(name: K): unknown => props[name] ?? context(`im:${name}`);
  const optional = <T>(name: keyof ImSettings, parse: (v: unknown) => T): T | undefined => {
    const value = pick(name);
    return value === undefined || value === '' ? undefined : parse(value);
  };
  const callbackUrl = optional('callbackUrl', (v) => asString('callbackUrl', v, /^https?:\/\/\S+$/));
  const secretArn = optional('secretArn', (v) => asString('secretArn', v, SECRET_ARN));
  const pushPlatformApplicationArns = optional('pushPlatformApplicationArns', asPushApplications);
  const pushCredentialSecrets = optional('pushCredentialSecrets', asPushSecrets);
  const pushCredentialsRevision = optional('pushCredentialsRevision', (v) => asString('pushCredentialsRevision', String(v), /^[\w.:-]{1,64}$/));
  const reservedConcurrency = optional('reservedConcurrency', asReservedConcurrency);
  const webSocketThrottle = optional('webSocketThrottle', asThrottle('webSocketThrottle'));
  const restThrottle = optional('restThrottle', asThrottle('restThrottle'));
  const both = Object.keys(pushCredentialSecrets ?? {}).find((k) => pushPlatformApplicationArns?.[k] !== undefined);
  if (both !== undefined) throw new SettingsError('pushCredentialSecrets', `and pushPlatformApplicationArns both name "${both}"; give each application one way`);
  return {
    sdkAppId: asInt('sdkAppId', pick('sdkAppId') ?? DEFAULTS.sdkAppId, 1, 2 ** 32 - 1),
    admins: asAdmins(pick('admins') ?? DEFAULTS.admins),
    retentionDays: asInt('retentionDays', pick('retentionDays') ?? DEFAULTS.retentionDays, 1, 3650),
    webhookFailClosed: asBoolean('webhookFailClosed', pick('webhookFailClosed') ?? DEFAULTS.webhookFailClosed),
    stageName: asString('stageName', pick('stageName') ?? DEFAULTS.stageName, /^[A-Za-z0-9_-]{1,128}$/),
    logRetention: asRetention(pick('logRetention') ?? DEFAULTS.logRetention),
    configureApiGatewayLogsRole: asBoolean('configureApiGatewayLogsRole', pick('configureApiGatewayLogsRole') ?? DEFAULTS.configureApiGatewayLogsRole),
    ...(callbackUrl !== undefined && { callbackUrl }),
    ...(secretArn !== undefined && { secretArn }),
    ...(pushPlatformApplicationArns !== undefined && { pushPlatformApplicationArns }),
    ...(pushCredentialSecrets !== undefined && { pushCredentialSecrets }),
    ...(pushCredentialsRevision !== undefined && { pushCredentialsRevision }),
    ...(reservedConcurrency !== undefined && { reservedConcurrency }),
    ...(webSocketThrottle !== undefined && { webSocketThrottle }),
    ...(restThrottle !== undefined && { restThrottle }),
  };
}

/** The `IM_APP_CONFIG` every Lambda parses at cold start (functions/app-config.ts); unset keys take the schema's defaults. */
export function appConfigOf(settings: ImSettings): AppConfigInput {
  return {
    sdkAppId: settings.sdkAppId,
    admins: settings.admins,
    retentionDays: settings.retentionDays,
    webhook: { ...(settings.callbackUrl !== undefined && { url: settings.callbackUrl }), timeoutMs: 2000, failClosed: settings.webhookFailClosed },
  };
}
