import { defaults } from '../../lib/state/schema.ts';
import { schema, type DepthState } from './state.ts';

/**
 * One click per claim of the two pages (T1 causes, T2 remedies, T3 residuals), and side-by-side
 * pairs. A preset is a full state: the defaults plus these values, so that nothing the reader set
 * earlier (a width, a seed) changes what the preset shows.
 */
export interface Preset {
  id: string;
  group: 'causes' | 'remedies' | 'pairs';
  values: Partial<DepthState>;
}

export const PRESETS: readonly Preset[] = [
  // T1: the Jacobian diag(φ′)W decides, activation and initialisation together.
  { id: 'sigXavier', group: 'causes', values: { act: 'sigmoid', init: 'xavier', L: 30 } },
  { id: 'sigNormal', group: 'causes', values: { act: 'sigmoid', init: 'normal', L: 30, n: 32, dist: 'u' } },
  { id: 'tanhXavier', group: 'causes', values: { act: 'tanh', init: 'xavier', L: 50 } },
  { id: 'tanhHe', group: 'causes', values: { act: 'tanh', init: 'he', L: 50 } },
  { id: 'reluXavier', group: 'causes', values: { act: 'relu', init: 'xavier', L: 50 } },
  { id: 'reluHe', group: 'causes', values: { act: 'relu', init: 'he', L: 50 } },
  { id: 'reluSmall', group: 'causes', values: { act: 'relu', init: 'small', L: 30 } },
  { id: 'reluNormal', group: 'causes', values: { act: 'relu', init: 'normal', L: 30 } },
  // T2/T3: what each remedy does, and does not do, at initialisation.
  { id: 'bnDeep', group: 'remedies', values: { act: 'relu', init: 'he', norm: 'bn', L: 50 } },
  { id: 'bnRes', group: 'remedies', values: { act: 'relu', init: 'he', norm: 'bn', res: true, L: 50 } },
  { id: 'resOnly', group: 'remedies', values: { act: 'relu', init: 'he', res: true, L: 50 } },
  { id: 'sigRes', group: 'remedies', values: { act: 'sigmoid', init: 'xavier', res: true, L: 30 } },
  { id: 'clipNorm', group: 'remedies', values: { act: 'sigmoid', init: 'xavier', clip: 'norm', lgc: 0, L: 30 } },
  // Side by side.
  {
    id: 'abSigRelu',
    group: 'pairs',
    values: { ab: true, act: 'sigmoid', init: 'normal', bact: 'relu', binit: 'he', L: 50, n: 32 },
  },
  {
    id: 'abBn',
    group: 'pairs',
    values: {
      ab: true,
      act: 'relu',
      init: 'he',
      norm: 'bn',
      bact: 'relu',
      binit: 'he',
      bnorm: 'bn',
      bres: true,
      L: 50,
    },
  },
  {
    id: 'abClip',
    group: 'pairs',
    values: { ab: true, act: 'sigmoid', init: 'xavier', bact: 'sigmoid', binit: 'xavier', bclip: 'norm', L: 30 },
  },
];

export const PRESET_GROUPS = ['causes', 'remedies', 'pairs'] as const;

export function presetState(p: Preset): DepthState {
  return { ...defaults(schema), ...p.values };
}

/** Keys that are views of the same networks, not part of what a preset claims. */
const VIEW_KEYS = new Set<keyof DepthState>(['dist']);

/** Whether the state is exactly this preset (B's keys count only in A/B mode). */
export function matchesPreset(s: DepthState, p: Preset): boolean {
  const target = presetState(p);
  return (Object.keys(target) as (keyof DepthState)[]).every((k) => {
    if (VIEW_KEYS.has(k)) return true;
    if (!target.ab && k.startsWith('b') && k !== 'B') return true;
    return s[k] === target[k];
  });
}
