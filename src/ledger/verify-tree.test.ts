import { describe, expect, it } from 'vitest';
import { entryText } from './append.ts';
import { frontierIds, MemoryTree } from './merkle.ts';
import { packEntries, TreeHasher, type LevelNodes } from './verify-tree.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function entry(i: number): string {
  return entryText({
    v: 1,
    at: new Date(1_700_000_000_000 + i).toISOString(),
    actor: i % 7 ? 'cn-secretariat' : 'Ваня "ru" 王',
    party: 'cn',
    op: 'update',
    kind: 'milestone',
    id: `01a217d8-137a-7000-8061-${String(i % 1000).padStart(12, '0')}`,
    record: { title: { en: `Milestone ${i}`, fr: 'Étape stratégique' }, marking: 'joint', n: i },
  });
}

describe('recomputing the tree in chunks', () => {
  const texts = Array.from({ length: 1000 }, (_, i) => entry(i));
  const tree = new MemoryTree();
  for (const t of texts) tree.append(Buffer.from(t, 'utf8'));
  const sizes = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 100, 511, 512, 513, 999, 1000];

  async function hashAll(h: TreeHasher, count: number, withNodes: boolean) {
    h.begin(sizes);
    const pending: Array<Promise<LevelNodes[]>> = [];
    for (let at = 0; at < count; at += h.chunkSize) {
      const chunk = texts.slice(at, Math.min(count, at + h.chunkSize));
      // Several chunks in flight at once, as verify gives them.
      pending.push(h.chunk(packEntries(chunk), withNodes));
    }
    const nodes = (await Promise.all(pending)).flat();
    return { nodes, end: await h.end() };
  }

  it.each([
    [0, 3],
    [0, 13],
    [2, 3],
    [2, 4],
    [1, 9],
  ])('with %s worker threads and chunks of 2^%s: every node once, the frontier and the roots are those of MemoryTree', async (threads, chunkBits) => {
    const h = new TreeHasher({ threads, chunkBits });
    try {
      for (const count of [1000, 512, 513, 1]) {
        const { nodes, end } = await hashAll(h, count, true);
        const at = new MemoryTree();
        for (const t of texts.slice(0, count)) at.append(Buffer.from(t, 'utf8'));
        expect(end.size).toBe(count);
        expect(b64(end.frontier)).toBe(b64(Buffer.concat(frontierIds(count).map((id) => at.node(id)!))));
        for (const s of sizes.filter((s) => s <= count)) expect(b64(end.roots.get(s)!), `root at ${s} of ${count}`).toBe(b64(tree.rootAt(s)));
        expect(sizes.filter((s) => s > count).every((s) => !end.roots.has(s))).toBe(true);
        const seen = new Set<string>();
        for (const { level, first, hashes } of nodes) {
          for (let j = 0; j < hashes.length / 32; j++) {
            const key = `${level},${first + j}`;
            expect(seen.has(key), `node (${key}) given twice`).toBe(false);
            seen.add(key);
            expect(b64(hashes.subarray(j * 32, j * 32 + 32)), `node (${key})`).toBe(b64(at.node({ level, index: first + j })!));
          }
        }
        // Every perfect node of the tree.
        let expected = 0;
        for (let l = 0; 2 ** l <= count; l++) expected += Math.floor(count / 2 ** l);
        expect(seen.size).toBe(expected);
      }
    } finally {
      await h.close();
    }
  });

  it('gives the roots without the nodes when none are wanted', async () => {
    const h = new TreeHasher({ threads: 2, chunkBits: 4 });
    try {
      const { nodes, end } = await hashAll(h, 1000, false);
      expect(nodes.filter((l) => l.level < 4)).toEqual([]);
      expect(b64(end.roots.get(1000)!)).toBe(b64(tree.rootAt(1000)));
      expect(b64(end.roots.get(513)!)).toBe(b64(tree.rootAt(513)));
    } finally {
      await h.close();
    }
  });

  it('refuses a chunk after the last, partial one, and a chunk too large', () => {
    const h = new TreeHasher({ threads: 0, chunkBits: 3 });
    h.begin([]);
    void h.chunk(packEntries(texts.slice(0, 5)), false);
    expect(() => h.chunk(packEntries(texts.slice(5, 8)), false)).toThrow(/after the last, partial one/);
    h.begin([]);
    expect(() => h.chunk(packEntries(texts.slice(0, 9)), false)).toThrow(/at most 8/);
  });

  it('packs texts as their UTF-8 bytes, each behind 0x00', () => {
    const some = ['{}', 'é', '王', '😀', ''];
    const a = packEntries(some);
    const expected = Buffer.concat(some.map((t) => Buffer.concat([Buffer.from([0]), Buffer.from(t, 'utf8')])));
    expect(Buffer.from(a.bytes.subarray(0, a.offsets[some.length]!)).equals(expected)).toBe(true);
    expect([...a.offsets]).toEqual([0, 3, 6, 10, 15, 16]);
    expect(b64(Buffer.from(a.bytes.subarray(a.offsets[1]!, a.offsets[2]!)))).toBe(b64(Buffer.from([0, 0xc3, 0xa9])));
  });
});
