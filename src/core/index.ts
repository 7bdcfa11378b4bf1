/**
 * The math core's public API: every module re-exported (names are unique across modules).
 * Modules can also be imported one by one (`./core/matrix.ts`); this file only re-exports.
 */
export * from './activations.ts';
export * from './adam.ts';
export * from './attention.ts';
export * from './bert.ts';
export * from './bptt.ts';
export * from './chain.ts';
export * from './clipping.ts';
export * from './constants.ts';
export * from './conv2d.ts';
export * from './dropout.ts';
export * from './embedding.ts';
export * from './erf.ts';
export * from './gaussianSaturation.ts';
export * from './gru.ts';
export * from './hashSeed.ts';
export * from './init.ts';
export * from './layerParams.ts';
export * from './lstm.ts';
export * from './matrix.ts';
export * from './meanField.ts';
export * from './mlp.ts';
export * from './neuron.ts';
export * from './normAxes.ts';
export * from './normalization.ts';
export * from './outputSize.ts';
export * from './pca.ts';
export * from './pool2d.ts';
export * from './positionalEncoding.ts';
export * from './quadrature.ts';
export * from './quantile.ts';
export * from './residual.ts';
export * from './rng.ts';
export * from './rnn.ts';
export * from './saturation.ts';
export * from './shift.ts';
export * from './signal1d.ts';
export * from './skipGram.ts';
export * from './softmax.ts';
export * from './spectral.ts';
export * from './tinyNet.ts';
export * from './tokens.ts';
export * from './toyData.ts';
export * from './transformerCost.ts';
export * from './vec.ts';
