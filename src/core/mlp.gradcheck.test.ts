import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivationName } from './activations.ts';
import { createMlp, MLP_NORMS, type MlpConfig, type MlpLoss, type MlpNorm } from './mlp.ts';
import { createRng } from './rng.ts';

/**
 * Finite-difference check of the WHOLE backward pass: ∂L/∂x and every parameter gradient
 * (W, b, γ, β of every layer) against central differences of the loss.
 */
function gradCheck(
  act: ActivationName,
  norm: MlpNorm,
  residual: boolean,
  depth: number,
  width: number,
  batch: number,
  seed: number,
  loss: MlpLoss = 'randomProjection',
): { checked: number; skipped: number } {
  const cfg: MlpConfig = {
    depth,
    width,
    batch,
    activation: act,
    norm,
    residual,
    loss,
    seed,
    init: 'xavierNormal',
    gain: 1.3,
    keepGrads: true,
    stats: false,
  };
  const mlp = createMlp(cfg);
  const r = createRng(seed ^ 0x5eed);
  // Non-trivial b, γ, β so that their gradients (and BN's shift invariance) are really exercised.
  for (let i = 0; i < depth; i++) {
    mlp.biases[i].forEach((_, j, a) => (a[j] = 0.3 * r.normal()));
    mlp.gammas[i].forEach((_, j, a) => (a[j] = 1 + 0.3 * r.normal()));
    if (norm === 'batchNorm' || norm === 'layerNorm') mlp.betas[i].forEach((_, j, a) => (a[j] = 0.3 * r.normal()));
  }
  const x = Float64Array.from({ length: batch * width }, () => r.normal());
  mlp.forward(x);
  const dx = Float64Array.from(mlp.backward(mlp.lossGrad()));
  const g = mlp.grads;
  if (!g) throw new Error('keepGrads');
  const grads = {
    weights: g.weights.map((a) => Float64Array.from(a)),
    biases: g.biases.map((a) => Float64Array.from(a)),
    gammas: g.gammas.map((a) => Float64Array.from(a)),
    betas: g.betas.map((a) => Float64Array.from(a)),
  };
  const lossAt = () => {
    mlp.forward(x);
    return mlp.loss();
  };
  const L0 = lossAt();
  const kinked = act === 'relu' || act === 'leakyRelu';
  const h = 1e-6;
  let checked = 0;
  let skipped = 0;
  const check = (arr: Float64Array, i: number, analytic: number, label: string) => {
    const v = arr[i];
    arr[i] = v + h;
    const up = lossAt();
    arr[i] = v - h;
    const down = lossAt();
    arr[i] = v;
    const fd = (up - down) / (2 * h);
    // A step across a ReLU kink shows up as unequal one-sided slopes: such entries are not differentiable there.
    if (kinked && Math.abs((up - L0) / h - (L0 - down) / h) > 1e-4 * (1 + Math.abs(fd))) {
      skipped++;
      return;
    }
    const err = Math.abs(analytic - fd);
    if (!(err <= 1e-6 * Math.max(1, Math.abs(fd)))) {
      expect.fail(`${label}: analytic ${analytic}, finite difference ${fd} (|error| ${err.toExponential(2)})`);
    }
    checked++;
  };
  for (let e = 0; e < x.length; e++) check(x, e, dx[e], `∂L/∂x[${e}]`);
  for (let l = 0; l < depth; l++) {
    for (let k = 0; k < width * width; k++) check(mlp.weights[l], k, grads.weights[l][k], `∂L/∂W${l + 1}[${k}]`);
    for (let j = 0; j < width; j++) {
      check(mlp.biases[l], j, grads.biases[l][j], `∂L/∂b${l + 1}[${j}]`);
      check(mlp.gammas[l], j, grads.gammas[l][j], `∂L/∂γ${l + 1}[${j}]`);
      check(mlp.betas[l], j, grads.betas[l][j], `∂L/∂β${l + 1}[${j}]`);
    }
  }
  return { checked, skipped };
}

const net = fc.record({
  depth: fc.integer({ min: 1, max: 4 }),
  width: fc.integer({ min: 2, max: 6 }),
  batch: fc.integer({ min: 2, max: 5 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

const SMOOTH: ActivationName[] = ['tanh', 'sigmoid', 'gelu', 'linear'];
const KINKED: ActivationName[] = ['relu', 'leakyRelu'];
const combos = [...SMOOTH, ...KINKED].flatMap((act) =>
  MLP_NORMS.flatMap((norm) => [false, true].map((residual) => [act, norm, residual] as const)),
);

describe('MLP backward = finite differences, for every activation × normalisation × residual', () => {
  it.each(combos)('%s, norm %s, residual %s', (act, norm, residual) => {
    let checked = 0;
    let skipped = 0;
    fc.assert(
      fc.property(net, ({ depth, width, batch, seed }) => {
        const c = gradCheck(act, norm, residual, depth, width, batch, seed);
        checked += c.checked;
        skipped += c.skipped;
      }),
      { seed: 101, numRuns: 6 },
    );
    if (SMOOTH.includes(act)) expect(skipped).toBe(0);
    // ReLU: only entries whose ±h step crosses a kink are skipped; nearly all are checked.
    expect(skipped).toBeLessThan(0.05 * (checked + skipped));
  });

  it.each(['tanh', 'gelu'] as const)('%s with the ½‖h_L‖² loss (couples forward and backward)', (act) => {
    fc.assert(
      fc.property(net, fc.constantFrom(...MLP_NORMS), fc.boolean(), ({ depth, width, batch, seed }, norm, res) => {
        gradCheck(act, norm, res, depth, width, batch, seed, 'halfSquaredNorm');
      }),
      { seed: 102, numRuns: 12 },
    );
  });
});
