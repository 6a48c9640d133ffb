import { createHash } from 'node:crypto';
import type { AppConfig } from '../shared/config.js';
import type { CallbackMeta } from '../shared/callback-meta.js';

export type WebhookConfig = AppConfig['webhook'];

/** `Sign = hex(sha256(Token + RequestTime))`: plain concatenation, not an HMAC, body not covered (spec §6.4). */
export const callbackSign = (token: string, requestTime: number): string =>
  createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex');

export interface CallbackUrlInput extends CallbackMeta {
  /** The app's configured callback URL, possibly with a query string of its own. */
  url: string;
  sdkAppId: number;
  command: string;
  /** Present when callback authentication is on: adds `Sign` and `RequestTime`. */
  auth?: { token: string; requestTimeSeconds: number };
}

/**
 * `{url}?SdkAppid=..&CallbackCommand=..&contenttype=json&ClientIP=..&OptPlatform=..[&Sign=..&RequestTime=..]`,
 * names spelled and ordered as Tencent sends them (spec §6.1). A query string
 * already in the configured URL is kept verbatim; a fragment is dropped (it is never sent).
 */
export function callbackUrl(input: CallbackUrlInput): string {
  const params: Array<[string, string]> = [
    ['SdkAppid', String(input.sdkAppId)],
    ['CallbackCommand', input.command],
    ['contenttype', 'json'],
    ['ClientIP', input.clientIp],
    ['OptPlatform', input.optPlatform],
  ];
  if (input.auth) {
    const { token, requestTimeSeconds } = input.auth;
    params.push(['Sign', callbackSign(token, requestTimeSeconds)], ['RequestTime', String(requestTimeSeconds)]);
  }
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  const hash = input.url.indexOf('#');
  const base = hash < 0 ? input.url : input.url.slice(0, hash);
  const separator = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
  return `${base}${separator}${query}`;
}

/** A command is sent when a URL is configured and the command list is absent or names it. */
export const isCallbackEnabled = (webhook: WebhookConfig, command: string): boolean =>
  Boolean(webhook.url) && (webhook.commands === undefined || webhook.commands.includes(command));
