import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts', '!./*.bench.ts', '!./index.ts'], {
  eager: true,
});

describe('index re-exports the whole public API', () => {
  it('every runtime export of every module, under its own name, with no clash', () => {
    const owner = new Map<string, string>();
    for (const [path, mod] of Object.entries(modules)) {
      for (const [name, value] of Object.entries(mod)) {
        expect(owner.get(name), `${name} is exported by ${owner.get(name)} and ${path}`).toBeUndefined();
        owner.set(name, path);
        expect((core as Record<string, unknown>)[name], `${name} from ${path}`).toBe(value);
      }
    }
    expect(Object.keys(modules).length).toBeGreaterThan(40);
    expect(Object.keys(core).sort()).toEqual([...owner.keys()].sort());
  });
});
