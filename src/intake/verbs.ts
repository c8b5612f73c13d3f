import type { IntakeLanguage } from './draft.ts';
import type { Span } from './text.ts';

/**
 * Reporting verbs ("a déclaré", "a souligné", "said", "called on"), read right after a
 * speaker, on the folded text. Shared by people.ts (a name followed by one is a person) and
 * statements.ts (what was said).
 */

const FR_ADVERB =
  "(?:egalement|aussi|encore|par ailleurs|pour sa part|de son cote|ensuite|notamment|enfin|quant a lui|quant a elle|d'abord|en outre|de nouveau|une nouvelle fois|fermement|clairement|pour leur part|a son tour|lui aussi|elle aussi|en particulier|plus tard)";
const FR_PARTICIPLES =
  "declare|dit|affirme|souligne|indique|note|ajoute|estime|rappele|appele|exhorte|insiste|salue|reaffirme|reitere|exprime|promis|assure|explique|fait savoir|fait remarquer|fait valoir|mis l'accent|plaide|propose|precise|observe|signale|prevenu|averti|annonce|confirme|encourage|invite|espere|souhaite|releve|juge|considere|reconnu|demande|presente|expose|evoque|mentionne|informe|partage|felicite|remercie|denonce|condamne|critique|prone|garanti|promis|soutenu|defendu|declares|declaree|declarees";
const FR_PRESENT =
  'declare|dit|affirme|souligne|indique|ajoute|estime|rappelle|appelle|exhorte|insiste|salue|reaffirme|reitere|exprime|promet|assure|explique|precise|observe|annonce|confirme|espere|souhaite|juge|considere|reconnait|demande|plaide|averti|previent';
const EN_ADVERB =
  '(?:also|further|then|separately|in turn|for his part|for her part|for its part|meanwhile|again|once again|firmly|strongly|on his part|on her part|likewise|in particular|later|earlier|repeatedly|clearly|in addition)';
const EN_VERBS =
  'said|says|stated|states|stressed|stresses|noted|notes|added|adds|called on|called for|calls on|calls for|urged|urges|emphasized|emphasised|emphasizes|emphasises|underlined|underscored|highlighted|pointed out|expressed|welcomed|reaffirmed|reiterated|affirmed|promised|pledged|told|remarked|observed|indicated|voiced|hoped|proposed|announced|confirmed|warned|explained|insisted|asserted|declared|praised|encouraged|invited|suggested|acknowledged|recalled|briefed|outlined|presented|shared|thanked|congratulated|condemned|believed|believes|maintained|argued|expects|expected|hopes';

const FR_AFTER = new RegExp(
  `\\s*,?\\s*(?:${FR_ADVERB}\\s*,?\\s*)?(?:(?:a|ont|avait|avaient)(?=[\\s,])\\s*,?\\s*(?:${FR_ADVERB}\\s*,?\\s*)?(${FR_PARTICIPLES})|(?:s'est|se sont)\\s+(?:${FR_ADVERB}\\s+)?(dit|dite|dits|felicite|felicitee|declare|declaree|montre|montree|prononce|prononcee)|(${FR_PRESENT}))(?![\\p{L}])`,
  'uy',
);
const EN_AFTER = new RegExp(
  `\\s*,?\\s*(?:${EN_ADVERB}\\s*,?\\s*)?(?:(?:has|had|have)\\s+)?(?:${EN_ADVERB}\\s+)?(${EN_VERBS})(?![\\p{L}])`,
  'uy',
);

export interface Reporting {
  /** The verb (and its auxiliary), absolute offsets. */
  span: Span;
  verb: string;
}

/** A reporting verb starting at `from` (spaces and an adverb allowed before it). */
export function reportingAt(folded: string, from: number, lang: IntakeLanguage, limit = folded.length): Reporting | null {
  const pattern = lang === 'fr' ? FR_AFTER : EN_AFTER;
  pattern.lastIndex = from;
  const m = pattern.exec(folded);
  if (!m || m.index + m[0].length > limit) return null;
  const verb = m[1] ?? m[2] ?? m[3] ?? '';
  const end = m.index + m[0].length;
  // The span starts at the auxiliary: skip the leading spaces and adverb.
  const lead = m[0].length - m[0].trimStart().length;
  return { span: [m.index + lead, end], verb };
}

/** Verbs that, after a quote, name its speaker: « … », a déclaré X / "…," said X. */
export const FR_QUOTE_ATTRIBUTION = new RegExp(`^\\s*,?\\s*(?:a|a-t-il|a-t-elle)?\\s*(?:${FR_PARTICIPLES}|${FR_PRESENT})(?:-t-il|-t-elle|-il|-elle)?\\s+`, 'u');
export const EN_QUOTE_ATTRIBUTION = new RegExp(`^\\s*,?\\s*(?:${EN_VERBS})\\s+`, 'u');
export const EN_QUOTE_ATTRIBUTION_AFTER = new RegExp(`^\\s+(?:${EN_VERBS})(?![\\p{L}])`, 'u');
