import type { BenchStack } from './stack.js';
import type { Usage } from '../../local/cost-meter.js';

/** One target of the issue's Targets section, as measured by a scenario. */
export interface TargetResult {
  name: string;
  /** e.g. `<= 15 ms`. */
  target: string;
  ours: number;
  unit: string;
  met: boolean;
  /** `met`, or how far off, e.g. `missed by 12.3 ms (82%)`. */
  by: string;
}

/** What a scenario cost in AWS terms, per million units of work, next to the floor. */
export interface CostFigure {
  /** What one unit is: `message`, `delivered copy`, `request`. */
  unit: string;
  units: number;
  usage: Usage;
  usd: Record<string, number>;
  totalUsd: number;
  perMillionUsd: number;
  floorPerMillionUsd: number;
  /** ours / floor. */
  ratio: number;
}

export interface ScenarioResult {
  scenario: string;
  /** When it ran (set by the runner). */
  at?: string;
  options: Record<string, number>;
  metrics: Record<string, number>;
  cost?: CostFigure;
  targets: TargetResult[];
  notes: string[];
  /** Set when the scenario failed; the run goes on with the next one. */
  error?: string;
}

export interface BenchContext {
  /** The local stack all scenarios share (absent when only stack-less scenarios run). */
  stack?: BenchStack;
  log(line: string): void;
}

/** The shared stack; throws when the runner started none. */
export const stackOf = (ctx: BenchContext): BenchStack => {
  if (!ctx.stack) throw new Error('this scenario needs the local stack');
  return ctx.stack;
};

export interface Scenario<O extends Record<string, number>> {
  name: string;
  description: string;
  /** The issue's numbers. */
  defaults: O;
  /** A few clients for about a second: the smoke test (test/bench). */
  tiny: O;
  run(ctx: BenchContext, options: O): Promise<ScenarioResult>;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));

/** A target of the form `ours <= limit`. */
export function atMost(name: string, limit: number, ours: number, unit: string): TargetResult {
  const met = ours <= limit;
  return { name, target: `<= ${fmt(limit)} ${unit}`, ours, unit, met, by: met ? 'met' : `missed by ${fmt(ours - limit)} ${unit} (${limit > 0 ? `${Math.round(((ours - limit) / limit) * 100)}%` : 'n/a'})` };
}

/** A target of the form `ours >= limit`. */
export function atLeast(name: string, limit: number, ours: number, unit: string): TargetResult {
  const met = ours >= limit;
  return { name, target: `>= ${fmt(limit)} ${unit}`, ours, unit, met, by: met ? 'met' : `missed by ${fmt(limit - ours)} ${unit} (${Math.round(((limit - ours) / limit) * 100)}%)` };
}
