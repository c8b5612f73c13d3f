import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  MemoryTree,
  appendRun,
  appendSteps,
  frontierIds,
  leafHash,
  leafHashOfText,
  nodeHash,
  planRoot,
  rootFromFrontier,
  type NodeId,
} from './merkle.ts';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

// Naive RFC 6962 §2.1 MTH over leaf hashes, straight from the definition.
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const key = (id: NodeId) => `${id.level}/${id.index}`;
// Compare hex strings: deep equality on Buffers is slow in hot loops.
const hex = (hashes: readonly Buffer[]) => hashes.map((h) => h.toString('hex'));

const reference = JSON.parse(readFileSync('/work/shared/testdata/reference.json', 'utf8')) as {
  merkle: { leafInputsHex: string[]; rootsBySizeHex: string[] };
};

/** A storage-agnostic log: a Map as the node table, driven only by the public steps. */
class MapLog {
  readonly nodes = new Map<string, Buffer>();
  size = 0;
  append(data: Uint8Array): void {
    const frontier = frontierIds(this.size).map((id) => this.get(id));
    const step = appendSteps(this.size, leafHash(data), frontier);
    for (const n of step.nodes) {
      // Perfect nodes are written once and never change (plain checks: expect() is slow here).
      if (this.nodes.has(key(n.id))) throw new Error(`node ${key(n.id)} written twice`);
      this.nodes.set(key(n.id), n.hash);
    }
    this.size++;
    const want = hex(frontierIds(this.size).map((id) => this.get(id)));
    if (hex(step.frontier).join() !== want.join()) throw new Error(`wrong frontier after ${this.size} leaves`);
  }
  get(id: NodeId): Buffer {
    const h = this.nodes.get(key(id));
    if (h === undefined) throw new Error(`missing node ${key(id)}`);
    return h;
  }
  rootAt(size: number): Buffer {
    const plan = planRoot(size);
    return plan.build(plan.ids.map((id) => this.get(id)));
  }
}

describe('hashing', () => {
  it('matches the RFC 6962 definitions', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 40 }),
        (data, l, r, odd) => {
          expect(leafHash(data)).toEqual(sha256(Buffer.from([0]), data));
          expect(nodeHash(l, r)).toEqual(sha256(Buffer.from([1]), l, r));
          // Non-32-byte input (malformed proofs) must still hash exactly, not via the fast path.
          expect(nodeHash(odd, r)).toEqual(sha256(Buffer.from([1]), odd, r));
          expect(nodeHash(l, odd)).toEqual(sha256(Buffer.from([1]), l, odd));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leafHashOfText is leafHash of the UTF-8 bytes, for any text and after longer ones', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 3000 }), { maxLength: 4 }), (texts) => {
        const hashes = texts.map(leafHashOfText);
        texts.forEach((t, i) => expect(hashes[i]).toEqual(sha256(Buffer.from([0]), Buffer.from(t, 'utf8'))));
      }),
      { numRuns: 100 },
    );
    expect(leafHashOfText('x'.repeat(20_000))).toEqual(leafHash(Buffer.from('x'.repeat(20_000))));
  });

  it('appendRun gives the nodes and frontier of appendSteps leaf by leaf', () => {
    fc.assert(
      fc.property(fc.nat({ max: 300 }), fc.nat({ max: 70 }), (start, count) => {
        let frontier: Buffer[] = [];
        for (let i = 0; i < start; i++) frontier = appendSteps(i, leafHash(Buffer.from(String(i))), frontier).frontier;
        const leaves = Array.from({ length: count }, (_, i) => leafHash(Buffer.from(String(start + i))));
        const stepwise = { nodes: [] as ReturnType<typeof appendSteps>['nodes'], frontier };
        leaves.forEach((leaf, i) => {
          const step = appendSteps(start + i, leaf, stepwise.frontier);
          stepwise.nodes.push(...step.nodes);
          stepwise.frontier = step.frontier;
        });
        const before = frontier.map((h) => Buffer.from(h));
        expect(appendRun(start, leaves, frontier)).toEqual(stepwise);
        expect(frontier).toEqual(before);
      }),
      { numRuns: 150 },
    );
    expect(() => appendRun(3, [leafHash(Buffer.from('x'))], [])).toThrow(/frontier/);
    expect(() => appendRun(0, [Buffer.alloc(5)], [])).toThrow(/32 bytes/);
  });

  it('returns independent buffers from nodeHash (the scratch buffer is not leaked)', () => {
    const a = leafHash(Buffer.from('a'));
    const b = leafHash(Buffer.from('b'));
    const ab = nodeHash(a, b);
    const copy = Buffer.from(ab);
    nodeHash(b, a);
    expect(ab).toEqual(copy);
    expect(ab).not.toEqual(nodeHash(b, a));
  });
});

describe('reference.json', () => {
  const leaves = reference.merkle.leafInputsHex.map((h) => Buffer.from(h, 'hex'));
  const roots = reference.merkle.rootsBySizeHex;

  it('has 8 leaves and 9 roots', () => {
    expect(leaves).toHaveLength(8);
    expect(roots).toHaveLength(9);
  });

  it('MemoryTree roots match for every size, incrementally and from stored nodes', () => {
    const tree = new MemoryTree();
    expect(tree.root().toString('hex')).toBe(roots[0]);
    leaves.forEach((leaf, i) => {
      expect(tree.append(leaf)).toBe(i);
      expect(tree.size).toBe(i + 1);
      expect(tree.root().toString('hex')).toBe(roots[i + 1]);
    });
    for (let size = 0; size <= 8; size++) expect(tree.rootAt(size).toString('hex')).toBe(roots[size]);
  });

  it('planRoot over a Map store built with appendSteps matches for every size', () => {
    const log = new MapLog();
    expect(log.rootAt(0).toString('hex')).toBe(roots[0]);
    leaves.forEach((leaf, i) => {
      log.append(leaf);
      expect(log.rootAt(i + 1).toString('hex')).toBe(roots[i + 1]);
    });
    for (let size = 0; size <= 8; size++) expect(log.rootAt(size).toString('hex')).toBe(roots[size]);
    expect(log.nodes.size).toBe(15); // 8 leaves + 4 + 2 + 1
  });
});

describe('storage model', () => {
  it('stores exactly the perfect nodes, each equal to the naive MTH of its range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (n, seed) => {
        const data = Array.from({ length: n }, (_, i) => Buffer.from(`${seed}:${i}`));
        const log = new MapLog();
        const tree = new MemoryTree();
        for (const d of data) {
          log.append(d);
          tree.append(d);
        }
        const leaves = data.map(leafHash);
        let expected = 0;
        const wrong: string[] = [];
        for (let level = 0; 2 ** level <= n; level++) {
          for (let index = 0; (index + 1) * 2 ** level <= n; index++) {
            expected++;
            const want = mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)).toString('hex');
            if (log.get({ level, index }).toString('hex') !== want) wrong.push(`map ${level}/${index}`);
            if (tree.node({ level, index })?.toString('hex') !== want) wrong.push(`memory ${level}/${index}`);
          }
          if (tree.node({ level, index: Math.floor(n / 2 ** level) }) !== undefined) wrong.push(`extra at ${level}`);
        }
        expect(wrong).toEqual([]);
        expect(log.nodes.size).toBe(expected);
        expect(tree.root()).toEqual(mth(leaves));
        for (const m of [0, Math.floor(n / 2), n]) expect(tree.rootAt(m)).toEqual(mth(leaves.slice(0, m)));
      }),
      { numRuns: 40 },
    );
  });

  it('frontierIds is the binary decomposition of size, largest first', () => {
    expect(frontierIds(0)).toEqual([]);
    expect(frontierIds(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    fc.assert(
      fc.property(fc.maxSafeNat(), (size) => {
        const ids = frontierIds(size);
        let start = 0;
        let prevLevel = Infinity;
        for (const { level, index } of ids) {
          expect(level).toBeLessThan(prevLevel);
          expect(Number.isSafeInteger(index)).toBe(true);
          expect(index * 2 ** level).toBe(start);
          start += 2 ** level;
          prevLevel = level;
        }
        expect(start).toBe(size);
      }),
    );
    expect(frontierIds(Number.MAX_SAFE_INTEGER)).toHaveLength(53);
  });

  it('rootFromFrontier folds right to left', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s))) as [Buffer, Buffer, Buffer];
    expect(rootFromFrontier([])).toEqual(EMPTY_ROOT);
    expect(rootFromFrontier([a])).toEqual(a);
    expect(rootFromFrontier([a, b, c])).toEqual(nodeHash(a, nodeHash(b, c)));
  });

  it('appendSteps works beyond 32 bits (a tree of identical leaves, where a level has one hash)', () => {
    const byLevel = [leafHash(Buffer.from('x'))];
    for (let l = 1; l <= 53; l++) byLevel.push(nodeHash(byLevel[l - 1]!, byLevel[l - 1]!));
    const hashOf = (id: NodeId) => byLevel[id.level]!;
    for (const size of [2 ** 40 - 1, 2 ** 33 + 2 ** 32 - 1, 2 ** 52 + 5, Number.MAX_SAFE_INTEGER - 1]) {
      const step = appendSteps(size, byLevel[0]!, frontierIds(size).map(hashOf));
      const merges = size.toString(2).length - size.toString(2).lastIndexOf('0') - 1;
      expect(step.nodes).toHaveLength(merges + 1);
      step.nodes.forEach((n, l) => {
        expect(n.id).toEqual({ level: l, index: Math.floor(size / 2 ** l) });
        expect(n.hash).toEqual(byLevel[l]);
      });
      expect(step.frontier).toEqual(frontierIds(size + 1).map(hashOf));
    }
  });

  it('appendSteps does not modify its input frontier', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 7; i++) tree.append(Buffer.from([i]));
    const frontier = frontierIds(7).map((id) => tree.node(id)!);
    const before = frontier.map((h) => Buffer.from(h));
    appendSteps(7, leafHash(Buffer.from([7])), frontier);
    expect(frontier).toEqual(before);
  });
});

describe('argument validation', () => {
  const leaf = leafHash(Buffer.from('x'));
  it.each([-1, 1.5, Number.NaN, Infinity, 2 ** 53])('rejects size %s', (size) => {
    expect(() => frontierIds(size)).toThrow(RangeError);
    expect(() => planRoot(size)).toThrow(RangeError);
    expect(() => appendSteps(size, leaf, [])).toThrow(RangeError);
  });

  it('rejects a frontier of the wrong length, a bad leaf hash, a full tree', () => {
    expect(() => appendSteps(3, leaf, [leaf])).toThrow(RangeError);
    expect(() => appendSteps(0, leaf, [leaf])).toThrow(RangeError);
    expect(() => appendSteps(0, Buffer.alloc(31), [])).toThrow(RangeError);
    const full = Number.MAX_SAFE_INTEGER;
    expect(() => appendSteps(full, leaf, frontierIds(full).map(() => leaf))).toThrow(RangeError);
  });

  it('MemoryTree rejects roots beyond its size and plans with missing nodes', () => {
    const tree = new MemoryTree();
    tree.append(Buffer.from('a'));
    expect(() => tree.rootAt(2)).toThrow(RangeError);
    expect(() => tree.rootAt(-1)).toThrow(RangeError);
    expect(() => tree.resolve(planRoot(3))).toThrow(RangeError);
    const plan = planRoot(1);
    expect(() => plan.build([])).toThrow();
  });
});
