import type { AppConfig, AppSecrets, Platform } from './config.js';
import type { CallbackMeta } from './callback-meta.js';
import type { RateCounter } from './rest/rate-counter.js';

/** Milliseconds since the epoch; injected so tests control time. */
export type Clock = () => number;

/**
 * What a Lambda (or the local stack) builds once: the configuration, the secrets, and the services `S`
 * its feature declares (functions/<feature>/services.ts), never more.
 */
export interface AppRuntime<S = unknown> {
  config: AppConfig;
  secrets: AppSecrets;
  services: S;
}

/**
 * What the REST transport itself uses (functions/shared/rest): the clock, an admin's kick time (`sigNotBefore`
 * of its account), the app's frequency counters and the over-limit alert. Every Lambda that serves REST builds these.
 */
export interface RestStackServices {
  clock: Clock;
  accounts: { get(userId: string): Promise<{ sigNotBefore?: number } | undefined> };
  rates: RateCounter;
  webhooks: { after(command: string, body: Record<string, unknown>, meta: CallbackMeta): Promise<void> };
}

/** The app admin calling a REST command. */
export interface RestCaller {
  transport: 'rest';
  admin: string;
  clientIp: string;
  requestId: string;
}

/** The logged-in user behind a WebSocket connection. */
export interface WsCaller {
  transport: 'ws';
  userId: string;
  /** Empty for a call over HTTPS (`overHttp`), whose connection the route finds by platform and instance. */
  connectionId: string;
  /**
   * A call of `POST /im/{action}`: UserSig verified, session not yet proven. Only routes declaring `overHttp` see
   * one, and they prove it before any change.
   */
  overHttp?: true;
  platform: Platform;
  instance: string;
  clientIp: string;
  requestId: string;
}

export interface RouteCall<C extends RestCaller | WsCaller, S = unknown> {
  app: AppRuntime<S>;
  caller: C;
}

export const nowSeconds = (clock: Clock): number => Math.floor(clock() / 1000);
