import { useTextString } from './LocalText.tsx';
import { useRecordContext } from './record-context.tsx';

/** A party's name in the reader's language, from its record; its code when the record is not at hand. */
export function usePartyName(): (code: string) => string {
  const { parties } = useRecordContext();
  const text = useTextString();
  return (code) => text(parties.get(code)?.name, code.toUpperCase());
}

export function PartyName({ code }: { code: string }) {
  return <>{usePartyName()(code)}</>;
}
