import { measureBundles } from '../bundles.js';
import { round } from '../support/stats.js';
import { atMost, type Scenario } from '../support/types.js';

/** Every feature's Lambda bundle as the stack builds it: size, and module init in a fresh Node process. */
export const bundles: Scenario<{ runs: number; maxFeatures: number }> = {
  name: 'bundles',
  description: 'Lambda bundles: size and cold init per feature',
  defaults: { runs: 5, maxFeatures: 0 },
  tiny: { runs: 1, maxFeatures: 1 },
  async run(ctx, o) {
    ctx.log(`bundles: esbuild + ${o.runs} fresh processes per feature`);
    const results = await measureBundles(o.runs, o.maxFeatures || undefined);
    const metrics: Record<string, number> = {};
    for (const b of results) {
      metrics[`${b.feature}KB`] = round(b.bytes / 1000);
      metrics[`${b.feature}InitMs`] = b.coldInitMs;
    }
    // The same package for every feature: one figure, the median of the features' medians.
    const firstCallMs = [...results.map((b) => b.firstCallSdkMs)].sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
    const largest = results.reduce((m, b) => (b.bytes > m.bytes ? b : m), results[0]!);
    const slowest = results.reduce((m, b) => (b.coldInitMs > m.coldInitMs ? b : m), results[0]!);
    return {
      scenario: 'bundles', options: o, metrics,
      targets: [
        atMost(`largest bundle (${largest.feature})`, 130, round(largest.bytes / 1000), 'KB'),
        atMost(`slowest cold init (${slowest.feature})`, 100, slowest.coldInitMs, 'ms'),
      ],
      notes: [`InitMs is module init only; a deployed Lambda also loads the Secrets Manager package on its first invocation: ${firstCallMs} ms more`],
    };
  },
};
