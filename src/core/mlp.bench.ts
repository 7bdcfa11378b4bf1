import { bench, describe } from 'vitest';
import { createMlp, sampleInput } from './mlp.ts';

/**
 * Forward + backward at the widget sizes (batch 32), with the default per-layer statistics.
 * Run: `npx vitest bench --run src/core/mlp.bench.ts` (not part of `vitest run`).
 */
for (const depth of [10, 50, 100]) {
  describe(`depth ${depth}, batch 32`, () => {
    for (const width of [64, 128, 256]) {
      const mlp = createMlp({ depth, width, batch: 32, activation: 'relu', init: 'heNormal' });
      const x = sampleInput(32, width, 1);
      bench(`width ${width}`, () => void mlp.run(x), { time: 1000, warmupIterations: 3 });
    }
  });
}
