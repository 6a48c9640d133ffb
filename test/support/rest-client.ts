import type { LocalStack } from '../../local/stack.js';

export interface TencentReply {
  ActionStatus: string;
  ErrorCode: number;
  ErrorInfo: string;
  [key: string]: unknown;
}

export interface RestOptions {
  identifier?: string;
  usersig?: string;
  /** Replaces the whole query string. */
  query?: string;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  method?: string;
}

/** Calls `/v4/{service}/{command}` over real HTTP as an app backend would. */
export async function rest(stack: LocalStack, path: string, body: unknown, options: RestOptions = {}): Promise<TencentReply> {
  const identifier = options.identifier ?? stack.config.admins[0]!;
  const usersig = options.usersig ?? stack.adminUserSig;
  const query = options.query ?? `sdkappid=${stack.config.sdkAppId}&identifier=${encodeURIComponent(identifier)}&usersig=${usersig}&random=${Math.floor(Math.random() * 2 ** 32)}&contenttype=json`;
  const res = await fetch(`${stack.url}/v4/${path}?${query}`, {
    method: options.method ?? 'POST',
    headers: { 'content-type': 'application/json' },
    ...((options.method ?? 'POST') !== 'GET' && { body: options.rawBody ?? JSON.stringify(body) }),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${path}`);
  return (await res.json()) as TencentReply;
}
