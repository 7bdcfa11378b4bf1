/** Learnable-parameter counts of common layers (pooling has none). */

/** A fully connected layer n_in → n_out: n_in·n_out weights (+ n_out biases). */
export function denseParamCount(nIn: number, nOut: number, bias = true): number {
  return nIn * nOut + (bias ? nOut : 0);
}

/** A K_h × K_w convolution C_in → C_out: C_out·C_in·K_h·K_w weights (+ C_out biases), independent of H, W. */
export function conv2dParamCount(cIn: number, cOut: number, kh: number, kw = kh, bias = true): number {
  return cOut * cIn * kh * kw + (bias ? cOut : 0);
}

/** The first FC layer after flattening a C × H × W map: what pooling before it saves. */
export function flattenDenseParamCount(c: number, h: number, w: number, nOut: number, bias = true): number {
  return denseParamCount(c * h * w, nOut, bias);
}
