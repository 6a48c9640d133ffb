import { CallbackTransportError, type CallbackSend } from './callback-sender.js';

const isTimeout = (e: unknown): boolean => e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');

/** Error texts can quote the URL; its query carries the Sign, so it is cut. */
const withoutQuery = (message: string): string => message.replace(/\?\S*/g, '?...');

/**
 * Sends callbacks with the global fetch (undici keeps connections alive, as
 * Tencent's callbacks do). The timeout covers the body too; redirects are
 * not followed, so a 3xx counts as a non-200 reply.
 */
export function httpCallbackSender(fetchImpl: typeof fetch = fetch): CallbackSend {
  return async ({ url, body, timeoutMs }) => {
    try {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.text() };
    } catch (e) {
      if (isTimeout(e)) throw new CallbackTransportError('timeout', `no reply within ${timeoutMs} ms`);
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
      throw new CallbackTransportError('network', withoutQuery(cause ?? (e instanceof Error ? e.message : String(e))));
    }
  };
}
