import type { Platform } from './config.js';
import type { RestCaller, WsCaller } from './runtime.js';

/** A callback's JSON body; `CallbackCommand` is added (or corrected) when it is sent. */
export type CallbackBody = Record<string, unknown>;

/** What Tencent puts in the callback URL about the client that caused the event (spec §6.1). */
export interface CallbackMeta {
  /** IP of the client that caused the event. */
  clientIp: string;
  /** `RESTAPI` for REST callers, otherwise the client platform (`Web`, `Android`, `iOS`, ...). */
  optPlatform: string;
}

export const REST_OPT_PLATFORM = 'RESTAPI';

/** Events that no client caused (timeouts, server jobs). */
export const UNKNOWN_OPT_PLATFORM = 'Unknown';

/**
 * The `OptPlatform` for an event caused from `platform`. Every callback
 * spells Apple phones `iOS`, except `State.StateChange`, which uses `IOS` (doc).
 */
export function optPlatformFor(platform: Platform | typeof REST_OPT_PLATFORM | undefined, command: string): string {
  if (!platform) return UNKNOWN_OPT_PLATFORM;
  return platform === 'iOS' && command === 'State.StateChange' ? 'IOS' : platform;
}

/** The meta of an event caused by a REST or WebSocket caller. */
export function callbackMetaFor(caller: RestCaller | WsCaller, command: string): CallbackMeta {
  return {
    clientIp: caller.clientIp,
    optPlatform: caller.transport === 'rest' ? REST_OPT_PLATFORM : optPlatformFor(caller.platform, command),
  };
}
