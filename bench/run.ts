import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchStack, type BenchStack } from './support/stack.js';
import { SCENARIOS, WITHOUT_STACK } from './scenarios/index.js';
import { renderReport } from './report.js';
import type { BenchContext, ScenarioResult } from './support/types.js';

/**
 * `npm run bench [-- <scenario...>] [--<option>=<n>...]`: runs the scenarios (all by default) against one
 * local stack started in this process with a DynamoDB Local of its own (temp data dir, free ports), writes
 * bench/results/<time>.json and bench/results/latest.json, and prints the report. `--durationS=5` (or any
 * scenario option) overrides that option in every scenario that has it. Targets are reported, never asserted.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const overrides = Object.fromEntries(args.filter((a) => a.startsWith('--')).map((a) => {
  const [k, v] = a.slice(2).split('=');
  if (v === undefined || Number.isNaN(Number(v))) throw new Error(`expected --<option>=<number>, got ${a}`);
  return [k!, Number(v)];
}));
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
const selected = names.length ? SCENARIOS.filter((s) => names.includes(s.name)) : SCENARIOS;

process.env.IM_LOG_LEVEL ??= 'error';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The stack's error logs (Lambda timeouts under overload) and the SDK's socket warnings would bury the
// report: they are counted per scenario and summarised instead.
const suppressed = new Map<string, number>();
// The first of each kind, for the report: enough to tell a timeout from a refusal.
const firstOf = new Map<string, string>();
for (const stream of ['error', 'warn'] as const) {
  const original = console[stream].bind(console);
  console[stream] = (...parts: unknown[]) => {
    const text = parts.map(String).join(' ');
    const key = text.startsWith('{"level"') ? `log: ${(JSON.parse(text) as { message: string }).message}`
      : text.includes('socket usage at capacity') ? 'SDK: socket usage at capacity (requests queued)' : undefined;
    if (!key) return original(...parts);
    suppressed.set(key, (suppressed.get(key) ?? 0) + 1);
    if (!firstOf.has(key)) firstOf.set(key, text);
  };
}
/** The error name and message of a logged line, without its stack. */
const errorOf = (line: string | undefined): string => {
  try {
    const { error } = JSON.parse(line ?? '{}') as { error?: { name?: string; message?: string; code?: string } };
    return [error?.name, error?.code, error?.message?.slice(0, 160)].filter(Boolean).join(': ') || 'no error detail';
  } catch { return 'no error detail'; }
};
const started = Date.now();
// Other work on the machine skews every number: the 1-minute load average is recorded before and after.
const loadBefore = loadavg()[0]!;
let stack: BenchStack | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'im-bench-'));
const results: ScenarioResult[] = [];
try {
  // BENCH_DYNAMODB_IN_MEMORY=1: DynamoDB Local in memory (about twice the write rate of its on-disk SQLite here).
  const inMemory = process.env.BENCH_DYNAMODB_IN_MEMORY === '1';
  if (selected.some((s) => !WITHOUT_STACK.has(s.name))) stack = await startBenchStack(inMemory ? {} : { dataDir });
  const ctx: BenchContext = { ...(stack && { stack }), log: (line) => console.log(`  ${line}`) };
  for (const scenario of selected) {
    const options = { ...scenario.defaults };
    for (const k of Object.keys(options)) if (k in overrides) options[k] = overrides[k]!;
    console.log(`▶ ${scenario.name}: ${scenario.description} (load average ${loadavg()[0]!.toFixed(1)})`);
    const t0 = Date.now();
    suppressed.clear();
    firstOf.clear();
    const result = await scenario.run(ctx, options).catch((e: Error): ScenarioResult => {
      console.log(`  FAILED: ${e.stack ?? e.message}`);
      return { scenario: scenario.name, options, metrics: {}, targets: [], notes: [], error: e.message };
    });
    for (const [what, n] of suppressed) result.notes.push(`${what} ×${n}${what.startsWith('log:') ? ` (first: ${errorOf(firstOf.get(what))})` : ''}`);
    result.at = new Date().toISOString();
    console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(result.metrics)}`);
    results.push(result);
  }
} finally {
  await stack?.stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const report = {
  at: new Date().toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  machine: {
    node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGB: Math.round(totalmem() / 2 ** 30),
    dynamodbLocal: process.env.BENCH_DYNAMODB_IN_MEMORY === '1' ? 'in memory' : 'temp data dir',
    loadAverage1m: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
  },
  results,
};
const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${report.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
// latest.json holds the latest result of every scenario: a partial run replaces only the scenarios it ran.
const latestFile = join(dir, 'latest.json');
const saved = existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, 'utf8')) as typeof report) : undefined;
const previous = (saved?.results ?? []).map((r) => ({ ...r, at: r.at ?? saved!.at }));
const latest = { ...report, results: SCENARIOS.map((s) => results.find((r) => r.scenario === s.name) ?? previous.find((r) => r.scenario === s.name)).filter((r) => r !== undefined) };
writeFileSync(latestFile, `${JSON.stringify(latest, null, 2)}\n`);
console.log(`\n${renderReport(results)}`);
console.log(`results: ${file} (and bench/results/latest.json); ${report.durationS} s in all`);
// Sockets of closed stacks may keep the event loop alive a little longer than needed.
process.exit(0);
