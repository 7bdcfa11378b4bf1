/** Numbers used in more than one place, written down once. */

/** 1/√(2π), the standard normal density at 0. */
export const INV_SQRT_2PI = 0.3989422804014327;
export const SQRT_2 = Math.SQRT2;
/** √(2/π), in the tanh approximation of GELU. */
export const SQRT_2_OVER_PI = 0.7978845608028654;
/** 2/√π, in erf. */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** PyTorch's BatchNorm/LayerNorm default ε. */
export const NORM_EPS = 1e-5;
/** LeakyReLU's default negative slope (PyTorch). */
export const LEAKY_SLOPE = 0.01;
/** ELU's default α. */
export const ELU_ALPHA = 1;
/** The cubic coefficient in GELU's tanh approximation. */
export const GELU_TANH_C = 0.044715;
