import * as z from 'zod/mini';

const DEFAULTS = { readyAfterSeconds: 300, serveCurrentHour: false };

/**
 * `messageLog` in the app configuration: when an hour's files are served by `open_msg_svc/get_history`.
 * Tencent serves an hour once it is over and processed (about an hour later); a backup job that gets an
 * hour's files assumes they are complete, so by default an hour is served only `readyAfterSeconds` after
 * it ends, which covers the stream's batching window (60 s) and retries. `serveCurrentHour` serves the
 * running hour's parts so far (local development and tests; the files are then partial).
 */
export const messageLogConfigSchema = z._default(
  z.object({
    readyAfterSeconds: z._default(z.int().check(z.gte(0), z.lte(86_400)), DEFAULTS.readyAfterSeconds),
    serveCurrentHour: z._default(z.boolean(), DEFAULTS.serveCurrentHour),
  }),
  DEFAULTS,
);
export type MessageLogConfig = z.infer<typeof messageLogConfigSchema>;
