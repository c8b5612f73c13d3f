/**
 * Name keys that survive transliteration between French and English: "Sergueï Choïgou" and
 * "Sergei Shoigu", "Nourlan" and "Nurlan", "Voronine" and "Voronin", "Poutine" and "Putin"
 * give the same key. Only for comparing with names the record already knows.
 */
export function skeleton(token: string): string {
  let s = token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  s = s
    .replace(/tch|sch|sh|ch/g, 'S')
    .replace(/zh|dj|dzh/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/ou/g, 'u')
    .replace(/gu(?=[eiy])/g, 'g')
    .replace(/y/g, 'i')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/(.)\1+/g, '$1');
  if (s.length > 4) s = s.replace(/e$/, '');
  return s;
}

/** The skeletons of a name's words, joined: the key of a whole name. */
export const nameKey = (words: readonly string[]): string => words.map(skeleton).join(' ');
