/**
 * Our MLP (src/core/mlp.ts) against TensorFlow.js's CPU backend on the same network and inputs:
 * first that the gradients agree (within float32 tolerance: TF.js computes in float32, we in
 * float64), then the time per forward + backward at the gradient-depth widget's sizes
 * (depth 10/50/100 × width 64/128/256, batch 32), printed as a ratio ours / TF.js.
 *
 *   npm run bench:core            (node scripts/bench-core.ts [--quick] [--json])
 *
 * Both sides do the same work: z = h·Wᵀ + b, h = ReLU(z) for every layer, L = Σ r ⊙ h_L, and the
 * gradients of L with respect to the input and every W and b. Ours is timed twice: as the widget
 * runs it (per-layer quantiles, means, saturation and the Gram-matrix weight-gradient norms) and
 * bare (stats off, full ∂L/∂W kept, as TF.js returns them).
 */
import { registerHooks } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createMlp, sampleInput, type Mlp } from '../src/core/mlp.ts';

// tfjs-core's Node bundle registers no gradients; its ES-module files do (register_all_gradients.js),
// but they import each other without file extensions, which Node's ESM resolver refuses. Retry such
// specifiers with ".js"; the gradients land in tfjs's global registry that the Node bundle reads too.
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (e) {
      if (specifier.startsWith('.') && !/\.[cm]?js$/.test(specifier)) return next(`${specifier}.js`, context);
      throw e;
    }
  },
});
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const BATCH = 32;
const DEPTHS = [10, 50, 100];
const WIDTHS = [64, 128, 256];

await tf.setBackend('cpu');
await tf.ready();

/** The same parameters and input as TF.js tensors (float32). */
function toTf(mlp: Mlp, x: Float64Array) {
  const { width: n, batch: B } = mlp.config;
  return {
    x: tf.tensor2d(Float32Array.from(x), [B, n]),
    // Ours stores W as [out, in]; TF.js multiplies h·Wᵀ with transposeB.
    W: mlp.weights.map((w) => tf.variable(tf.tensor2d(Float32Array.from(w), [n, n]))),
    b: mlp.biases.map((b) => tf.variable(tf.tensor1d(Float32Array.from(b)))),
    r: tf.tensor2d(Float32Array.from(mlp.lossGrad()), [B, n]),
  };
}

type TfNet = ReturnType<typeof toTf>;

function tfLoss(net: TfNet, x: tf.Tensor2D): tf.Scalar {
  let h: tf.Tensor2D = x;
  for (let i = 0; i < net.W.length; i++) h = tf.relu(tf.add(tf.matMul(h, net.W[i], false, true), net.b[i]));
  return tf.sum(tf.mul(net.r, h));
}

/** ∂L/∂x and ∂L/∂W_l, ∂L/∂b_l from TF.js (float32 arrays). */
function tfGrads(net: TfNet): { dx: Float32Array; dW: Float32Array[]; db: Float32Array[]; loss: number } {
  return tf.tidy(() => {
    const params = [...net.W, ...net.b];
    const f = (x: tf.Tensor, ...ps: tf.Tensor[]) => {
      const local = { ...net, W: ps.slice(0, net.W.length), b: ps.slice(net.W.length) } as unknown as TfNet;
      return tfLoss(local, x as tf.Tensor2D);
    };
    const { value, grads } = tf.valueAndGrads(f)([net.x, ...params]);
    const L = net.W.length;
    return {
      loss: value.dataSync()[0],
      dx: grads[0].dataSync() as Float32Array,
      dW: grads.slice(1, 1 + L).map((g) => g.dataSync() as Float32Array),
      db: grads.slice(1 + L).map((g) => g.dataSync() as Float32Array),
    };
  });
}

/** One forward + backward in TF.js, synchronously materialised (dataSync) so the work is really done. */
function tfStep(net: TfNet): void {
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => tfLoss(net, net.x));
    for (const g of Object.values(grads)) g.dataSync();
  });
}

/** ‖a − b‖ / ‖b‖ over a flat array. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

/** Median of per-call times (ms), running `fn` until `budgetMs` or `maxRuns` after warm-up. */
function timeIt(fn: () => void, budgetMs: number, maxRuns = 200): number {
  for (let i = 0; i < 2; i++) fn();
  const ts: number[] = [];
  const start = performance.now();
  while (ts.length < maxRuns && (ts.length < 5 || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

// Float32 accumulates ~√(depth·width) rounding errors of 6e-8 each; the products of 100 layers stay
// well inside 1e-4 relative for a network whose signal is preserved (ReLU + He).
const TOLERANCE = 1e-4;

interface Row {
  depth: number;
  width: number;
  gradErr: number;
  oursWidgetMs: number;
  oursBareMs: number;
  tfMs: number;
}

const rows: Row[] = [];
let worst = 0;
const budget = quick ? 300 : 1500;
for (const depth of DEPTHS) {
  for (const width of WIDTHS) {
    const cfg = { depth, width, batch: BATCH, activation: 'relu', init: 'heNormal', seed: 7 } as const;
    const widgetMlp = createMlp(cfg);
    const bare = createMlp({ ...cfg, stats: false, keepGrads: true });
    const x = sampleInput(BATCH, width, 3);
    const net = toTf(bare, x);

    // Agreement: input gradient and every weight and bias gradient, relative to their norms.
    bare.forward(x);
    const dx = bare.backward(bare.lossGrad());
    const ref = tfGrads(net);
    const grads = bare.grads!;
    const errs = [
      relErr(dx, ref.dx),
      ...grads.weights.map((g, i) => relErr(g, ref.dW[i])),
      ...grads.biases.map((g, i) => relErr(g, ref.db[i])),
      Math.abs(bare.loss() - ref.loss) / Math.abs(ref.loss),
    ];
    const gradErr = Math.max(...errs);
    worst = Math.max(worst, gradErr);

    const oursWidgetMs = timeIt(() => void widgetMlp.run(x), budget);
    const oursBareMs = timeIt(() => void bare.run(x), budget);
    const tfMs = timeIt(() => tfStep(net), budget);
    tf.dispose([net.x, net.r, ...net.W, ...net.b]);
    rows.push({ depth, width, gradErr, oursWidgetMs, oursBareMs, tfMs });
    if (!asJson) {
      const f = (v: number) => v.toFixed(1).padStart(7);
      console.log(
        `depth ${String(depth).padStart(3)} × width ${String(width).padStart(3)} (batch ${BATCH})  ` +
          `grad rel. err ${gradErr.toExponential(1)}  ` +
          `ours ${f(oursWidgetMs)} ms (bare ${f(oursBareMs)} ms)  TF.js ${f(tfMs)} ms  ` +
          `ratio ours/TF.js ${(oursWidgetMs / tfMs).toFixed(2)} (bare ${(oursBareMs / tfMs).toFixed(2)})`,
      );
    }
  }
}

if (asJson) console.log(JSON.stringify({ tolerance: TOLERANCE, rows }, null, 2));
else {
  const slower = rows.filter((r) => r.oursWidgetMs > r.tfMs);
  console.log(
    `\nGradients agree with TF.js within ${worst.toExponential(1)} relative (tolerance ${TOLERANCE}).` +
      (slower.length === 0
        ? ' Ours is faster at every size.'
        : ` Ours is slower at ${slower.map((r) => `${r.depth}×${r.width}`).join(', ')}.`),
  );
}
if (!(worst <= TOLERANCE)) {
  console.error(`Gradient mismatch: ${worst} > ${TOLERANCE}`);
  process.exit(1);
}
