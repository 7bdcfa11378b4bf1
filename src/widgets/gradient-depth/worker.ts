/**
 * The gradient-depth computation off the main thread: one forward + backward pass costs up to
 * ~150 ms at depth 100 × width 256 × batch 32, far above a frame. Each request carries an id that
 * the answer echoes; the main thread sends a new request only when the previous answer is back.
 */
import { computeDepth, createNetCache } from './compute.ts';
import type { DepthConfig, DepthResult } from './model.ts';

export interface DepthRequest {
  id: number;
  configs: DepthConfig[];
}
export type DepthResponse = { id: number; results: DepthResult[] } | { id: number; error: string };

// Two configurations (A/B) plus one spare, so toggling a setting back and forth reuses networks.
const cache = createNetCache(3);

addEventListener('message', (e: MessageEvent<DepthRequest>) => {
  const { id, configs } = e.data;
  let reply: DepthResponse;
  try {
    reply = { id, results: configs.map((c) => computeDepth(c, cache)) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  postMessage(reply);
});
