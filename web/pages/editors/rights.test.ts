import { describe, expect, it } from 'vitest';
import type { Session } from '../../api/types.ts';
import { mayCreate, mayEdit, mayFollowUp } from './rights.ts';

const as = (role: 'secretariat' | 'co-chair' | 'delegate' | 'observer'): Session => ({ signedIn: true, party: 'cn', roles: [{ mechanismId: 'm', role }] });

describe('what the editors offer', () => {
  it('offers creating to secretariats and co-chairs of the mechanism only', () => {
    expect(mayCreate(as('secretariat'), 'm')).toBe(true);
    expect(mayCreate(as('co-chair'), 'm')).toBe(true);
    expect(mayCreate(as('delegate'), 'm')).toBe(false);
    expect(mayCreate(as('secretariat'), 'other')).toBe(false);
  });

  it('offers editing only the own party’s records, and follow-up of commitments binding the own party', () => {
    expect(mayEdit(as('secretariat'), 'm', { ownerParty: 'cn' })).toBe(true);
    expect(mayEdit(as('secretariat'), 'm', { ownerParty: 'ru' })).toBe(false);
    expect(mayFollowUp(as('delegate'), 'm', { parties: ['cn', 'ru'] })).toBe(true);
    expect(mayFollowUp(as('delegate'), 'm', { parties: ['ru'] })).toBe(false);
    expect(mayFollowUp(as('observer'), 'm', { parties: ['cn'] })).toBe(false);
  });
});
