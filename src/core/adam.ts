/**
 * Adam (Kingma & Ba 2015), defaults α = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 * The step α·m̂/(√v̂ + ε) is ≈ α·sign(g) whatever the gradient's scale, until |g| nears ε.
 */

export interface AdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Per-parameter moment estimates and the step count t (0 before the first step). */
export interface AdamState {
  readonly m: Float64Array;
  readonly v: Float64Array;
  t: number;
}

export function createAdamState(n: number): AdamState {
  return { m: new Float64Array(n), v: new Float64Array(n), t: 0 };
}

/**
 * One Adam update of `params` in place:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·(m/(1−β₁ᵗ))/(√(v/(1−β₂ᵗ)) + ε).
 * Returns `params`.
 */
export function adamStep(
  params: Float64Array,
  grads: ArrayLike<number>,
  state: AdamState,
  { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: AdamOptions = {},
): Float64Array {
  const { m, v } = state;
  state.t += 1;
  const c1 = 1 - beta1 ** state.t;
  const c2 = 1 - beta2 ** state.t;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i];
    m[i] = beta1 * m[i] + (1 - beta1) * g;
    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
    params[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
  }
  return params;
}

/** The first Adam update Δθ of a parameter with gradient g: m̂ = g, v̂ = g², so Δθ = −α·g/(|g| + ε). */
export function adamFirstStep(g: number, lr = 1e-3, eps = 1e-8): number {
  return (-lr * g) / (Math.abs(g) + eps);
}
