import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList, oracleRaw } from '../test/oracles.ts';
import {
  analogy,
  cosineToAll,
  embeddingLookup,
  embeddingTable,
  nearestNeighbours,
  oneHot,
  oneHotProduct,
  oneHotVsDense,
} from './embedding.ts';
import { cosine, distance } from './vec.ts';

const E = embeddingTable([
  [0.1, 0.2, 0.3],
  [0.4, 0.5, 0.6],
  [-0.2, 0.0, 0.7],
  [0.9, -0.1, 0.0],
  [0.3, 0.3, 0.3],
]);
const words = ['king', 'queen', 'man', 'woman', 'apple'];
const toy = embeddingTable([
  [1.0, -0.1, 0.2],
  [0.9, 0.3, 0.4],
  [0.2, -0.1, 0.1],
  [0.2, 0.1, 0.1],
  [0, 0, 1],
]);
const id = (w: string) => words.indexOf(w);

describe('lookup = one-hot × matrix (T16.5)', () => {
  it('one_hot(2)ᵀE = E[2]', () => {
    const [product, row] = oracleRaw('E^T onehot(2) == E[2]') as number[][];
    assertClose(oneHotProduct(E, oneHot(2, 5)), product, { rel: 1e-15, abs: 0 });
    assertClose(embeddingLookup(E, 2), row, { rel: 0, abs: 0 });
    for (let i = 0; i < 5; i++) expect(oneHotProduct(E, oneHot(i, 5))).toEqual(embeddingLookup(E, i));
    expect(() => embeddingLookup(E, 5)).toThrow(RangeError);
  });

  it('distinct one-hot vectors: cosine 0, distance √2', () => {
    const [cos, dist] = oracleList('one-hot cos / L2 dist (distinct ids)');
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        if (i === j) continue;
        expect(cosine(oneHot(i, 5), oneHot(j, 5))).toBe(cos);
        assertClose(distance(oneHot(i, 5), oneHot(j, 5)), dist, { rel: 1e-15 });
      }
  });

  it('one-hot vs dense sizes, and BERT-Base’s token table', () => {
    const s = oneHotVsDense(30522, 768);
    expect(s.tableParams).toBe(oracle('BERT-base token-embedding params'));
    expect(s.oneHotDims).toBe(30522);
    expect(s.denseBytes).toBe(768 * 4);
    expect(s.oneHotBytes).toBe(30522 * 4);
    expect(s.productMultAdds / s.lookupCopies).toBe(30522);
    expect(oneHotVsDense(10, 3, { bytesPerValue: 8 }).tableBytes).toBe(240);
  });
});

describe('cosine neighbours and analogy (T16.5)', () => {
  it('v = king − man + woman and its cosines', () => {
    const r = analogy(toy, id('man'), id('king'), id('woman'));
    assertClose(r.vector, oracleList('analogy v = king-man+woman'), { rel: 1e-14 });
    for (const w of words) assertClose(r.scores[id(w)], oracle(`cos(v,${w})`), { rel: 1e-12 }, w);
  });

  it('argmax including the inputs is king; excluding them, queen', () => {
    const [incl, excl] = oracleRaw('argmax incl. inputs / excl. inputs') as string[];
    const withInputs = analogy(toy, id('man'), id('king'), id('woman'), { exclude: false });
    const without = analogy(toy, id('man'), id('king'), id('woman'));
    expect(words[withInputs.ranked[0].index]).toBe(incl);
    expect(words[without.ranked[0].index]).toBe(excl);
    expect(without.ranked.map((n) => words[n.index])).toEqual(['queen', 'apple']);
    expect(withInputs.ranked.map((n) => words[n.index])).toEqual(['king', 'queen', 'woman', 'man', 'apple']);
    assertClose(without.ranked[0].score, oracle('cos(v,queen)'), { rel: 1e-12 });
  });

  it('nearest neighbours exclude the query and rank by cosine', () => {
    const nn = nearestNeighbours(toy, id('king'), 2);
    // cos(king, man) = 0.23/(1.0124·0.2449) ≈ 0.928 beats cos(king, queen) ≈ 0.911 in this toy table.
    expect(nn.map((n) => words[n.index])).toEqual(['man', 'queen']);
    assertClose(nn[1].score, cosine([1.0, -0.1, 0.2], [0.9, 0.3, 0.4]), { rel: 1e-15 });
    assertClose(nn[0].score, 0.23 / Math.sqrt(1.05 * 0.06), { rel: 1e-14 });
    // A vector query excludes nothing unless told.
    expect(nearestNeighbours(toy, [1, -0.1, 0.2], 1)[0].index).toBe(id('king'));
    expect(nearestNeighbours(toy, [1, -0.1, 0.2], 1, { exclude: [0] })[0].index).toBe(id('man'));
    // A zero row scores 0 instead of NaN.
    const z = embeddingTable([
      [0, 0],
      [1, 0],
    ]);
    expect(Array.from(cosineToAll(z, [1, 1]))).toEqual([0, cosine([1, 0], [1, 1])]);
  });
});
