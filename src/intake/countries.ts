import { ISO_NAMES, type IsoNames } from './iso-names.ts';
import { Lexicon } from './lexicon.ts';

/**
 * Countries by name and demonym, in French and English, to ISO 3166-1 alpha-2 codes (lower
 * case). The names come from i18n-iso-countries; the short forms a communiqué uses ("les
 * États-Unis", "mainland China"), acronyms and demonyms are added here.
 */

export interface CountryRef {
  code: string;
  kind: 'name' | 'demonym';
}

/** Names that are also common first names or words in running text: not read as countries. */
const SKIPPED = new Set(['maurice', 'dominique', 'grenade', 'jersey', 'guernesey', 'guernsey', 'man', 'georgie du sud', 'niue']);

const EXTRA_NAMES: Record<string, string[]> = {
  cn: ['Chine continentale', 'mainland China', 'République populaire de Chine', "People's Republic of China"],
  ru: ['Russie', 'Russia', 'Fédération de Russie', 'Russian Federation'],
  us: ['États-Unis', 'Etats-Unis', 'United States'],
  gb: ['Royaume-Uni', 'Grande-Bretagne', 'Britain', 'United Kingdom'],
  kr: ['Corée du Sud', 'République de Corée', 'South Korea', 'Republic of Korea'],
  kp: ['Corée du Nord', 'République populaire démocratique de Corée', 'North Korea', "Democratic People's Republic of Korea"],
  ae: ['Émirats arabes unis', 'Émirats', 'United Arab Emirates', 'Emirates'],
  vn: ['Viêt Nam', 'Vietnam', 'Viet Nam'],
  mm: ['Birmanie', 'Burma', 'Myanmar'],
  tr: ['Turquie', 'Türkiye', 'Turkey'],
  cz: ['Tchéquie', 'République tchèque', 'Czech Republic', 'Czechia'],
  by: ['Biélorussie', 'Bélarus', 'Belarus'],
  md: ['Moldavie', 'Moldova'],
  la: ['Laos', 'Lao PDR'],
  sy: ['Syrie', 'Syria'],
  ci: ["Côte d'Ivoire", 'Ivory Coast'],
  nl: ['Pays-Bas', 'Netherlands', 'Holland'],
  mo: ['Macao', 'Macau'],
  ir: ['Iran'],
  ps: ['Palestine', 'État de Palestine', 'State of Palestine'],
  va: ['Saint-Siège', 'Holy See', 'Vatican'],
  cd: ['RDC', 'République démocratique du Congo', 'Democratic Republic of the Congo'],
  mu: ['île Maurice', 'Mauritius'],
  sa: ['Arabie saoudite', 'Saudi Arabia'],
  za: ['Afrique du Sud', 'South Africa'],
  nz: ['Nouvelle-Zélande', 'New Zealand'],
  ba: ['Bosnie-Herzégovine', 'Bosnia and Herzegovina'],
};

const ACRONYMS: Record<string, string[]> = {
  us: ['US', 'U.S.', 'USA', 'U.S.A.'],
  gb: ['UK', 'U.K.'],
  cn: ['PRC', 'RPC'],
  kr: ['ROK'],
  kp: ['DPRK', 'RPDC'],
  ae: ['UAE', 'EAU'],
  cd: ['DRC', 'RDC'],
};

/** English demonyms (capitalised) and the French masculine singular (the other forms are derived). */
const DEMONYMS: Record<string, [string[], string[]]> = {
  cn: [['Chinese'], ['chinois']],
  ru: [['Russian'], ['russe']],
  us: [['American', 'U.S.'], ['américain']],
  jp: [['Japanese'], ['japonais', 'nippon']],
  kr: [['South Korean', 'Korean'], ['sud-coréen', 'coréen']],
  kp: [['North Korean'], ['nord-coréen']],
  fr: [['French'], ['français']],
  de: [['German'], ['allemand']],
  gb: [['British'], ['britannique']],
  in: [['Indian'], ['indien']],
  it: [['Italian'], ['italien']],
  es: [['Spanish'], ['espagnol']],
  pt: [['Portuguese'], ['portugais']],
  nl: [['Dutch'], ['néerlandais']],
  be: [['Belgian'], ['belge']],
  ch: [['Swiss'], ['suisse']],
  at: [['Austrian'], ['autrichien']],
  pl: [['Polish'], ['polonais']],
  ua: [['Ukrainian'], ['ukrainien']],
  by: [['Belarusian'], ['biélorusse']],
  tr: [['Turkish'], ['turc', 'turque', 'turcs', 'turques']],
  ir: [['Iranian'], ['iranien']],
  iq: [['Iraqi'], ['irakien']],
  sa: [['Saudi'], ['saoudien']],
  ae: [['Emirati'], ['émirien']],
  qa: [['Qatari'], ['qatari', 'qatarien']],
  eg: [['Egyptian'], ['égyptien']],
  il: [['Israeli'], ['israélien']],
  pk: [['Pakistani'], ['pakistanais']],
  af: [['Afghan'], ['afghan']],
  bd: [['Bangladeshi'], ['bangladais']],
  vn: [['Vietnamese'], ['vietnamien']],
  th: [['Thai'], ['thaïlandais']],
  id: [['Indonesian'], ['indonésien']],
  my: [['Malaysian'], ['malaisien', 'malaysien']],
  ph: [['Filipino', 'Philippine'], ['philippin']],
  sg: [['Singaporean'], ['singapourien']],
  au: [['Australian'], ['australien']],
  nz: [['New Zealand'], ['néo-zélandais']],
  ca: [['Canadian'], ['canadien']],
  mx: [['Mexican'], ['mexicain']],
  br: [['Brazilian'], ['brésilien']],
  ar: [['Argentine', 'Argentinian'], ['argentin']],
  cl: [['Chilean'], ['chilien']],
  cu: [['Cuban'], ['cubain']],
  ve: [['Venezuelan'], ['vénézuélien']],
  za: [['South African'], ['sud-africain']],
  ng: [['Nigerian'], ['nigérian']],
  ke: [['Kenyan'], ['kényan']],
  et: [['Ethiopian'], ['éthiopien']],
  dz: [['Algerian'], ['algérien']],
  ma: [['Moroccan'], ['marocain']],
  tn: [['Tunisian'], ['tunisien']],
  kz: [['Kazakh', 'Kazakhstani'], ['kazakh', 'kazakhstanais']],
  uz: [['Uzbek'], ['ouzbek']],
  kg: [['Kyrgyz'], ['kirghiz']],
  tj: [['Tajik'], ['tadjik']],
  tm: [['Turkmen'], ['turkmène']],
  mn: [['Mongolian'], ['mongol']],
  az: [['Azerbaijani'], ['azerbaïdjanais']],
  am: [['Armenian'], ['arménien']],
  ge: [['Georgian'], ['géorgien']],
  rs: [['Serbian'], ['serbe']],
  hu: [['Hungarian'], ['hongrois']],
  gr: [['Greek'], ['grec', 'grecque', 'grecs', 'grecques']],
  se: [['Swedish'], ['suédois']],
  no: [['Norwegian'], ['norvégien']],
  fi: [['Finnish'], ['finlandais']],
  dk: [['Danish'], ['danois']],
  ie: [['Irish'], ['irlandais']],
  cz: [['Czech'], ['tchèque']],
  ro: [['Romanian'], ['roumain']],
  bg: [['Bulgarian'], ['bulgare']],
  la: [['Lao', 'Laotian'], ['laotien']],
  kh: [['Cambodian'], ['cambodgien']],
  mm: [['Myanmar', 'Burmese'], ['birman']],
  np: [['Nepalese', 'Nepali'], ['népalais']],
  lk: [['Sri Lankan'], ['sri-lankais']],
  sy: [['Syrian'], ['syrien']],
  lb: [['Lebanese'], ['libanais']],
  jo: [['Jordanian'], ['jordanien']],
  ye: [['Yemeni'], ['yéménite']],
  om: [['Omani'], ['omanais']],
  kw: [['Kuwaiti'], ['koweïtien']],
  ly: [['Libyan'], ['libyen']],
  sd: [['Sudanese'], ['soudanais']],
  ao: [['Angolan'], ['angolais']],
  sn: [['Senegalese'], ['sénégalais']],
  gh: [['Ghanaian'], ['ghanéen']],
  ci: [['Ivorian'], ['ivoirien']],
  ps: [['Palestinian'], ['palestinien']],
  ee: [['Estonian'], ['estonien']],
  lv: [['Latvian'], ['letton']],
  lt: [['Lithuanian'], ['lituanien']],
  sk: [['Slovak'], ['slovaque']],
  si: [['Slovenian', 'Slovene'], ['slovène']],
  hr: [['Croatian'], ['croate']],
};

/** Prefixes of compound adjectives ("sino-russe", "Sino-Russian", "franco-allemand"). */
const PREFIXES: Record<string, string> = { sino: 'cn', russo: 'ru', franco: 'fr', germano: 'de', nippo: 'jp', americano: 'us', italo: 'it', turco: 'tr', irano: 'ir' };

/** The French forms of a demonym from its masculine singular. */
export function frenchForms(masc: string): string[] {
  if (/ien$|éen$|en$/u.test(masc)) return [masc, `${masc}ne`, `${masc}s`, `${masc}nes`];
  if (/s$/u.test(masc)) return [masc, `${masc}e`, `${masc}es`];
  if (/e$/u.test(masc)) return [masc, `${masc}s`];
  return [masc, `${masc}e`, `${masc}s`, `${masc}es`];
}


function build(): Lexicon<CountryRef> {
  const lex = new Lexicon<CountryRef>();
  const names = (table: IsoNames) => {
    for (const [upper, value] of Object.entries(table)) {
      const code = upper.toLowerCase();
      for (const name of Array.isArray(value) ? value : [value]) {
        if (SKIPPED.has(name.toLowerCase())) continue;
        // Acronym-like names ("US", "UAE") must be written exactly; proper names capitalised.
        lex.add(name, { code, kind: 'name' }, /^[A-Z.]{2,6}$/.test(name) ? 'exact' : 'capitalized');
      }
    }
  };
  for (const [code, list] of Object.entries(EXTRA_NAMES)) for (const name of list) lex.add(name, { code, kind: 'name' }, 'capitalized');
  names(ISO_NAMES.en);
  names(ISO_NAMES.fr);
  for (const [code, list] of Object.entries(ACRONYMS)) for (const a of list) lex.add(a, { code, kind: 'name' }, 'exact');
  for (const [code, [english, french]] of Object.entries(DEMONYMS)) {
    for (const d of english) lex.add(d, { code, kind: 'demonym' }, /^[A-Z.]{2,6}$/.test(d) ? 'exact' : 'capitalized');
    for (const d of french) for (const form of frenchForms(d)) lex.add(form, { code, kind: 'demonym' }, 'any');
  }
  for (const [prefix, code] of Object.entries(PREFIXES)) lex.add(prefix, { code, kind: 'demonym' }, 'any');
  return lex;
}

export const COUNTRIES = build();
