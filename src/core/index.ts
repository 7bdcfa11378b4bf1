export * from './constants.ts';
export * from './rng.ts';
export * from './erf.ts';
export * from './activations.ts';
export * from './saturation.ts';
