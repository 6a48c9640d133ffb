import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './gateway/http-api.js';

/** One call the push code made to SNS, as recorded for `/_local/push-outbox`. */
export interface PushOutboxEntry {
  at: string;
  action: string;
  params: Record<string, string>;
  /** For Publish with MessageStructure json: the per-platform payloads, parsed. */
  message?: unknown;
  result?: Record<string, string>;
  error?: string;
}

/** A platform application made with CreatePlatformApplication (the credentials are kept, never recorded). */
export interface PlatformApplication {
  arn: string;
  name: string;
  platform: string;
  attributes: Record<string, string>;
}

const PLATFORMS = ['APNS', 'APNS_SANDBOX', 'GCM'];
/** Attributes whose values are credentials: kept in `applications`, replaced in the outbox. */
const CREDENTIAL_ATTRIBUTES = new Set(['PlatformCredential', 'PlatformPrincipal']);

/** `Attributes.entry.N.key/value` pairs of an awsQuery request. */
const attributesOf = (p: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 1; p[`Attributes.entry.${i}.key`]; i++) out[p[`Attributes.entry.${i}.key`]!] = p[`Attributes.entry.${i}.value`] ?? '';
  return out;
};

/** The request as recorded: credential attribute values are redacted. */
const recordable = (p: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(p).map(([k, v]) => {
  const m = /^Attributes\.entry\.(\d+)\.value$/.exec(k);
  return m && CREDENTIAL_ATTRIBUTES.has(p[`Attributes.entry.${m[1]}.key`] ?? '') ? [k, '[redacted]'] : [k, v];
}));

interface PlatformEndpoint {
  arn: string;
  token: string;
  enabled: boolean;
  customUserData: string;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ok = (action: string, result: Record<string, string> | string = {}) => {
  const inner = typeof result === 'string' ? result : Object.entries(result).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
  return `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${action}Result>${inner}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
};

class SnsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

/**
 * Stands in for SNS on the awsQuery protocol the real SNS client speaks, so the
 * push code runs unchanged; every call is recorded, oldest first.
 */
export class LocalSns {
  readonly outbox: PushOutboxEntry[] = [];
  private readonly endpoints = new Map<string, PlatformEndpoint>();
  /** Platform applications made through the API (the preconfigured local ARNs need none), by ARN. */
  readonly applications = new Map<string, PlatformApplication>();
  /** Lets tests make Publish slow (`delayMs`) or fail with a 500 (`fail`), as a degraded SNS would. */
  publishFault: { delayMs?: number; fail?: boolean } = {};

  /** Lets tests simulate what APNs/FCM feedback does to an endpoint. */
  setEndpointEnabled(arn: string, enabled: boolean): void {
    const endpoint = this.endpoints.get(arn);
    if (endpoint) endpoint.enabled = enabled;
  }

  private endpoint(arn: string | undefined): PlatformEndpoint {
    const endpoint = arn ? this.endpoints.get(arn) : undefined;
    if (!endpoint) throw new SnsError(404, 'NotFound', 'Endpoint does not exist');
    return endpoint;
  }

  private handle(action: string, p: Record<string, string>): string {
    switch (action) {
      case 'CreatePlatformEndpoint': {
        const app = p.PlatformApplicationArn ?? '';
        if (!app.startsWith('arn:')) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: PlatformApplicationArn');
        const existing = [...this.endpoints.values()].find((e) => e.arn.startsWith(app.replace(':app/', ':endpoint/')) && e.token === p.Token);
        const arn = existing?.arn ?? `${app.replace(':app/', ':endpoint/')}/${randomUUID()}`;
        this.endpoints.set(arn, { arn, token: p.Token ?? '', enabled: true, customUserData: p.CustomUserData ?? '' });
        return ok(action, { EndpointArn: arn });
      }
      case 'GetEndpointAttributes': {
        const e = this.endpoint(p.EndpointArn);
        const entries = Object.entries({ Enabled: String(e.enabled), Token: e.token, CustomUserData: e.customUserData })
          .map(([k, v]) => `<entry><key>${k}</key><value>${xmlEscape(v)}</value></entry>`).join('');
        return ok(action, `<Attributes>${entries}</Attributes>`);
      }
      case 'SetEndpointAttributes': {
        const e = this.endpoint(p.EndpointArn);
        for (let i = 1; p[`Attributes.entry.${i}.key`]; i++) {
          const key = p[`Attributes.entry.${i}.key`];
          const value = p[`Attributes.entry.${i}.value`] ?? '';
          if (key === 'Enabled') e.enabled = value === 'true';
          if (key === 'Token') e.token = value;
          if (key === 'CustomUserData') e.customUserData = value;
        }
        return ok(action);
      }
      case 'DeleteEndpoint':
        if (p.EndpointArn) this.endpoints.delete(p.EndpointArn);
        return ok(action);
      case 'Publish': {
        if (p.TargetArn) {
          const e = this.endpoint(p.TargetArn);
          if (!e.enabled) throw new SnsError(400, 'EndpointDisabled', 'Endpoint is disabled');
        }
        return ok(action, { MessageId: randomUUID() });
      }
      case 'CreatePlatformApplication': {
        const name = p.Name ?? '';
        const platform = p.Platform ?? '';
        const attributes = attributesOf(p);
        if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name)) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Name');
        if (!PLATFORMS.includes(platform)) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Platform');
        if (!attributes.PlatformCredential) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Attributes Reason: PlatformCredential attribute is required');
        if (platform !== 'GCM' && !attributes.PlatformPrincipal) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Attributes Reason: PlatformPrincipal attribute is required');
        const arn = `arn:aws:sns:us-east-1:000000000000:app/${platform}/${name}`;
        this.applications.set(arn, { arn, name, platform, attributes });
        return ok(action, { PlatformApplicationArn: arn });
      }
      case 'SetPlatformApplicationAttributes': {
        const app = this.applications.get(p.PlatformApplicationArn ?? '');
        if (!app) throw new SnsError(404, 'NotFound', 'PlatformApplication does not exist');
        Object.assign(app.attributes, attributesOf(p));
        return ok(action);
      }
      case 'DeletePlatformApplication': {
        const arn = p.PlatformApplicationArn ?? '';
        // As SNS: deleting an application that is gone succeeds; its endpoints go with it.
        this.applications.delete(arn);
        const endpoints = `${arn.replace(':app/', ':endpoint/')}/`;
        for (const key of [...this.endpoints.keys()]) if (key.startsWith(endpoints)) this.endpoints.delete(key);
        return ok(action);
      }
      case 'CreateTopic':
        return ok(action, { TopicArn: `arn:aws:sns:us-east-1:000000000000:${p.Name ?? 'topic'}` });
      default:
        throw new SnsError(400, 'InvalidAction', `The action ${action} is not valid for this endpoint.`);
    }
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = Object.fromEntries(new URLSearchParams((await readBody(req)).toString('utf8')));
    const action = params.Action ?? '';
    const entry: PushOutboxEntry = { at: new Date().toISOString(), action, params: recordable(params) };
    if (action === 'Publish' && params.MessageStructure === 'json') {
      try {
        const outer = JSON.parse(params.Message ?? '{}') as Record<string, string>;
        entry.message = Object.fromEntries(Object.entries(outer).map(([k, v]) => { try { return [k, JSON.parse(v)]; } catch { return [k, v]; } }));
      } catch { entry.message = params.Message; }
    }
    this.outbox.push(entry);
    const fault = action === 'Publish' ? { ...this.publishFault } : {};
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    try {
      if (fault.fail) throw new SnsError(500, 'InternalError', 'SNS is failing (simulated)');
      const body = this.handle(action, params);
      const arn = /<(EndpointArn|MessageId|PlatformApplicationArn)>([^<]*)</.exec(body);
      if (arn) entry.result = { [arn[1]!]: arn[2]! };
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(body);
    } catch (e) {
      const error = e instanceof SnsError ? e : new SnsError(500, 'InternalError', 'internal error');
      entry.error = error.code;
      res.writeHead(error.status, { 'content-type': 'text/xml' });
      res.end(`<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${error.code}</Code>` +
        `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`);
    }
  }
}
