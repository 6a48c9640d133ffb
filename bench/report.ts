import type { ScenarioResult } from './support/types.js';
import { markdownTable } from './support/table.js';
import { pricesFromEnv } from '../local/aws-prices.js';

const usd = (n: number) => `$${n >= 10 ? n.toFixed(2) : n.toFixed(3)}`;

/** The readable report: one Markdown table per topic (stdout, and pasted into docs/performance.md). */
export function renderReport(results: readonly ScenarioResult[]): string {
  const targets = markdownTable(['scenario', 'target', 'goal', 'ours', 'result'],
    results.flatMap((r) => r.targets.map((t) => [r.scenario, t.name, t.target, `${t.ours} ${t.unit}`, t.met ? 'pass' : `MISS: ${t.by}`])));
  const prices = pricesFromEnv(process.env.IM_PRICES);
  // Lambda duration here is mostly waiting on a shared 2-core machine; the column beside it leaves GB-seconds out.
  const costs = markdownTable(['scenario', 'per 1M', 'ours', 'ours without Lambda GB-s', 'floor', 'ours / floor', 'DynamoDB calls per unit', 'biggest items'],
    results.filter((r) => r.cost).map((r) => {
      const c = r.cost!;
      const items = Object.entries(c.usd).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 3)
        .map(([k, v]) => `${k} ${usd((v / Math.max(1, c.units)) * 1e6)}`).join(', ');
      const withoutGbS = ((c.totalUsd - c.usage.lambdaGbSeconds * prices.lambdaGbSecond) / Math.max(1, c.units)) * 1e6;
      return [r.scenario, c.unit.endsWith('copy') ? `${c.unit.slice(0, -1)}ies` : `${c.unit}s`, usd(c.perMillionUsd), usd(withoutGbS), usd(c.floorPerMillionUsd), c.ratio.toFixed(2),
        (c.usage.dynamoCalls / Math.max(1, c.units)).toFixed(2), items];
    }));
  const metrics = results.map((r) => r.error ? `**${r.scenario}**: FAILED: ${r.error}` : `**${r.scenario}** (${Object.entries(r.options).map(([k, v]) => `${k}=${v}`).join(', ')}): `
    + Object.entries(r.metrics).map(([k, v]) => `${k} ${v}`).join(', ') + (r.notes.length ? `; ${r.notes.join('; ')}` : '')).join('\n\n');
  return `### Targets\n\n${targets}\n\n### Cost (us-east-1 list prices)\n\n${costs}\n\n### Measurements\n\n${metrics}\n`;
}
