/**
 * One JSON line per log entry (CloudWatch-friendly). Keys that can hold
 * secrets are redacted wherever they appear, so a UserSig never reaches a log.
 */
const SECRET_KEYS = /^(usersig|secretkey|secret|token|callbacktoken|sign|authorization)$/i;

const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1)]));
};

type Level = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const threshold = (): number => RANK[(process.env.IM_LOG_LEVEL as Level | undefined) ?? 'info'] ?? RANK.info;

const write = (level: Level, message: string, fields: Record<string, unknown> = {}) => {
  if (RANK[level] < threshold()) return;
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...(redact(fields) as object) });
  (level === 'error' || level === 'warn' ? console.error : console.log)(line);
};

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
