/**
 * Words that make a title ("ministre", "Secretary", "haut responsable") and those that make a
 * leader ("président", "Prime Minister"), folded; and the capitalised words that start no
 * person's name (articles, pronouns, institutions, months).
 */

export const TITLE_WORDS = new Set([
  // fr
  'president', 'presidente', 'vice', 'ministre', 'secretaire', 'conseiller', 'conseillere', 'ambassadeur', 'ambassadrice',
  'directeur', 'directrice', 'chef', 'porte', 'parole', 'general', 'generale', 'amiral', 'chancelier', 'chanceliere', 'roi',
  'reine', 'prince', 'princesse', 'emir', 'cheikh', 'sultan', 'envoye', 'envoyee', 'representant', 'representante',
  'commissaire', 'gouverneur', 'maire', 'senateur', 'senatrice', 'depute', 'deputee', 'responsable', 'delegue', 'deleguee',
  'monsieur', 'madame', 'm', 'mme', 'dr', 'marechal', 'colonel', 'lieutenant', 'premier', 'premiere', 'haut', 'haute', 'adjoint',
  'adjointe', 'sous', 'homologue', 'membre', 'member', 'federal', 'federale', 'delegue', 'deleguee', 'charge', 'chargee', 'excellence', 'se', 'he',
  // en
  'minister', 'secretary', 'councilor', 'councillor', 'counsellor', 'counselor', 'ambassador', 'director', 'chief', 'head',
  'spokesperson', 'spokesman', 'spokeswoman', 'admiral', 'chancellor', 'king', 'queen', 'sheikh', 'envoy', 'representative',
  'commissioner', 'governor', 'mayor', 'senator', 'chairman', 'chairwoman', 'chair', 'chairperson', 'official', 'officer',
  'adviser', 'advisor', 'mr', 'mrs', 'ms', 'marshal', 'deputy', 'undersecretary', 'under', 'assistant', 'senior', 'counterpart',
  'premier', 'state', 'foreign', 'defence', 'defense', 'first', 'excellency', 'federal', 'executive', 'permanent', 'special',
]);

/** Forms of address: part of no title ("M. Karim Benslimane", "Mme", "H.E."). */
export const HONORIFICS = new Set(['m', 'mme', 'mmes', 'mm', 'mlle', 'monsieur', 'madame', 'mr', 'mrs', 'ms', 'dr', 'h', 'e', 'he', 'se', 's', 'excellency', 'excellence']);

/** The words a title must contain: TITLE_WORDS less the mere modifiers. */
export const TITLE_HEADS = new Set(
  [...TITLE_WORDS].filter(
    (w) =>
      !['vice', 'haut', 'haute', 'sous', 'adjoint', 'adjointe', 'under', 'assistant', 'senior', 'state', 'foreign', 'defence', 'defense', 'porte', 'premiere', 'first', 'federal', 'federale', 'charge', 'chargee', 'executive', 'permanent', 'special', 'premier'].includes(w) &&
      !HONORIFICS.has(w),
  ),
);

/** A leader's title: heads of state or government. */
export const LEADER = /(?<![\p{L}-])(?:president|presidente|premier ministre|prime minister|premier|roi|king|reine|queen|chancelier|chanceliere|chancellor|emir|sultan)(?![\p{L}-])/u;
export const NOT_LEADER = /(?<![\p{L}])(?:vice|deputy|vice-|ancien|former)[\s-]/u;

/** Connectors inside a title ("ministre des Affaires étrangères", "Secretary of State"). */
export const TITLE_CONNECTORS = new Set(['de', 'des', 'du', 'd', 'la', 'le', 'l', 'of', 'the', 'for', 'and', 'et', 'aux', 'au', 'en', 'charge']);

/** Grammar words, months and weekdays: capitalised only at a sentence's start. */
export const GRAMMAR = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'cette', 'ce',
  'ces', 'cet', 'lors', 'dans', 'en', 'in', 'on', 'at', 'and', 'et', 'both', 'all', 'tous', 'toutes', 'apres', 'avant', 'selon',
  'according', 'since', 'depuis', 'during', 'pendant', 'following', 'suite', 'il', 'elle', 'ils', 'elles', 'he', 'she', 'they',
  'we', 'nous', 'it', 'its', 'their', 'leur', 'leurs', 'his', 'her', 'son', 'sa', 'ses', 'mis', 'mise', 'au', 'aux', 'sur', 'pour',
  'par', 'avec', 'with', 'for', 'by', 'from', 'to', 'as', 'while', 'alors', 'ainsi', 'however', 'moreover', 'furthermore',
  'meanwhile', 'also', 'each', 'other', 'c', 'qu', 'j', 's', 'n', 'y', 'ou', 'or', 'but', 'mais', 'not', 'ne', 'no', 'if', 'si',
  'when', 'quand', 'lorsque', 'where', 'ou', 'which', 'who', 'qui', 'que', 'what', 'there', 'here', 'then', 'thus', 'hence',
  'afin', 'outre', 'enfin', 'ensuite', 'finally', 'first', 'second', 'lastly', 'today', 'yesterday', 'hier', 'aujourd',
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday',
]);

/** Capitalised words that begin no name: grammar words and institutions. */
export const NOT_NAME = new Set([
  ...GRAMMAR,
  // institutions and things
  'conseil', 'council', 'ministere', 'ministry', 'commission', 'comite', 'committee', 'parti', 'party', 'assemblee', 'assembly',
  'nations', 'unies', 'united', 'union', 'organisation', 'organization', 'organisations', 'republique', 'republic', 'federation',
  'etat', 'etats', 'departement', 'department', 'office', 'bureau', 'agence', 'agency', 'groupe', 'group', 'forum', 'dialogue',
  'consultation', 'consultations', 'mecanisme', 'mechanism', 'traite', 'treaty', 'accord', 'agreement', 'declaration', 'sommet',
  'summit', 'session', 'round', 'cycle', 'region', 'province', 'mer', 'sea', 'ocean', 'golfe', 'gulf', 'detroit', 'strait',
  'initiative', 'belt', 'road', 'ceinture', 'route', 'plan', 'charter', 'charte', 'programme', 'program', 'affaires', 'affairs',
  'securite', 'security', 'national', 'nationale', 'populaire', 'communist', 'communiste', 'armee', 'army', 'navy', 'marine',
  'force', 'forces', 'maison', 'house', 'palais', 'palace', 'hall', 'salle', 'grand', 'great', 'kremlin', 'xinhua', 'press',
  'presse', 'news', 'agency', 'leave', 'reply', 'back', 'top', 'share', 'partager', 'photo', 'video', 'source', 'sources',
  'relations', 'relation', 'cooperation', 'cooperative', 'partnership', 'partenariat', 'strategic', 'strategique', 'joint',
  'conjoint', 'conjointe', 'high', 'level', 'economic', 'economique', 'trade', 'commerce', 'defense', 'defence', 'foreign',
  'etrangeres', 'interieur', 'interior', 'finance', 'finances', 'ministers', 'ministres', 'leaders', 'dirigeants', 'chefs',
  'delegation', 'delegations', 'side', 'sides', 'partie', 'parties', 'cote', 'cotes', 'pays', 'countries', 'country',
  'world', 'monde', 'mondial', 'global', 'international', 'internationale', 'asia', 'asie', 'europe', 'africa', 'afrique',
  'pacific', 'pacifique', 'atlantique', 'atlantic', 'arctic', 'arctique', 'nord', 'north', 'sud', 'south', 'est', 'east',
  'ouest', 'west', 'central', 'centrale', 'orient', 'middle', 'moyen', 'year', 'annee', 'ans', 'years', 'new', 'nouvelle',
  'nouveau', 'eu', 'ue', 'un', 'onu', 'otan', 'nato', 'asean', 'ocs', 'sco', 'brics', 'g20', 'g7', 'apec', 'omc', 'wto',
]);
