import type { Outcome } from '../../api/types.ts';

/** Where a round's co-signing stands, for one reader. */
export interface Signing {
  /** The parties whose co-chair signed the outcome as it is now. */
  signed: string[];
  /** The parties still to sign (none once concluded). */
  waitingFor: string[];
  /** Signatures over an earlier outcome: that party must sign again. */
  stale: Outcome['cosignatures'];
  /** The reader may sign now: a co-chair of a signing party that has not signed this outcome. */
  canSign: boolean;
}

export function signingOf(outcome: Outcome, reader: { party: string | undefined; coChair: boolean }): Signing {
  const current = outcome.cosignatures.filter((s) => s.current && s.valid);
  const signed = outcome.parties.filter((p) => current.some((s) => s.party === p));
  const waitingFor = outcome.concluded ? [] : outcome.parties.filter((p) => !signed.includes(p));
  const stale = outcome.cosignatures.filter((s) => !s.current && !signed.includes(s.party));
  const canSign = reader.coChair && reader.party !== undefined && waitingFor.includes(reader.party);
  return { signed, waitingFor, stale, canSign };
}
