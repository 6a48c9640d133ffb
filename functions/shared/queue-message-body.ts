/**
 * An SQS message body for a JSON job. SQS refuses characters outside XML's set; JSON.stringify already escapes the
 * control characters and lone surrogates, but leaves U+FFFE and U+FFFF raw, and a user's text may hold them (valid
 * JSON, valid UTF-16). Escaped, JSON.parse gives back the same string.
 */
export const queueMessageBody = (job: unknown): string =>
  JSON.stringify(job).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
