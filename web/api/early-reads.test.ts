import { afterEach, describe, expect, it } from 'vitest';
import { dropEarlyReads, EARLY_READ_FRESH_MS, startEarlyRead, takeArrivedRead, takeEarlyRead, type Read } from './early-reads.ts';

/** A read whose answer the test gives, counting its loads. */
function manual<T>(key: string) {
  let answer!: (value: T) => void;
  let fail!: (err: unknown) => void;
  const read: Read<T> & { loads: number } = {
    key,
    loads: 0,
    load: () => {
      read.loads++;
      return new Promise<T>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      });
    },
  };
  return { read, answer: (v: T) => answer(v), fail: (e: unknown) => fail(e) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('early reads', () => {
  afterEach(() => dropEarlyReads());

  it('hands a pending read to the first taker of its key, once', async () => {
    const { read, answer } = manual<string>('overview:m1');
    startEarlyRead(read);
    expect(takeArrivedRead('overview:m1')).toBeUndefined(); // not answered yet: it stays
    const taken = takeEarlyRead<string>('overview:m1');
    expect(taken).toBeDefined();
    expect(takeEarlyRead('overview:m1')).toBeUndefined();
    answer('the overview');
    await expect(taken).resolves.toBe('the overview');
    expect(read.loads).toBe(1);
  });

  it('gives an answer that arrived at once, for the first render', async () => {
    const { read, answer } = manual<number[]>('parties');
    startEarlyRead(read);
    answer([1, 2]);
    await settle();
    expect(takeArrivedRead('parties')).toEqual({ value: [1, 2] });
    expect(takeArrivedRead('parties')).toBeUndefined();
    expect(takeEarlyRead('parties')).toBeUndefined();
  });

  it('leaves a failed read to its taker, and a failure nobody takes unreported', async () => {
    const { read, fail } = manual<string>('log:m1');
    startEarlyRead(read).catch(() => {});
    fail(new Error('HTTP 500'));
    await settle();
    expect(takeArrivedRead('log:m1')).toBeUndefined();
    await expect(takeEarlyRead('log:m1')).rejects.toThrow('HTTP 500');
  });

  it('takes no stale read, and none after the session changed', () => {
    let clock = 1_000;
    startEarlyRead(manual<string>('commitments:m1').read, () => clock);
    clock += EARLY_READ_FRESH_MS + 1;
    expect(takeEarlyRead('commitments:m1', clock)).toBeUndefined();

    startEarlyRead(manual<string>('agreed:m1').read);
    dropEarlyReads();
    expect(takeEarlyRead('agreed:m1')).toBeUndefined();
  });
});
