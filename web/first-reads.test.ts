import { describe, expect, it } from 'vitest';
import { firstPage } from './first-reads.ts';

describe('firstPage', () => {
  it('knows a mechanism’s dashboard and its other pages by their path', () => {
    expect(firstPage('/workspace/m/01a2-x')).toEqual({ guarded: true, mechanismId: '01a2-x', dashboard: true });
    expect(firstPage('/workspace/m/01a2-x/')).toEqual({ guarded: true, mechanismId: '01a2-x', dashboard: true });
    expect(firstPage('/workspace/m/01a2-x/rounds/3')).toEqual({ guarded: true, mechanismId: '01a2-x', dashboard: false });
    expect(firstPage('/workspace/m/a%20b/log')).toEqual({ guarded: true, mechanismId: 'a b', dashboard: false });
  });

  it('starts no mechanism reads for the editors, the other guarded pages or a malformed id', () => {
    expect(firstPage('/workspace/m/01a2-x/edit/rounds/new')).toEqual({ guarded: true, dashboard: false });
    expect(firstPage('/workspace/')).toEqual({ guarded: true, dashboard: false });
    expect(firstPage('/workspace/profile')).toEqual({ guarded: true, dashboard: false });
    expect(firstPage('/workspace/m/%E0%A4%A')).toEqual({ guarded: true, dashboard: false });
  });

  it('starts none of the guarded pages’ reads on the sign-in page', () => {
    expect(firstPage('/workspace/sign-in')).toEqual({ guarded: false, dashboard: false });
  });
});
