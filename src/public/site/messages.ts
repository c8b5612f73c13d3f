import { SITE_LANGS, type SiteLang } from '../types.ts';

/** The public site's own words in its four languages, and dates written the way each reads them. */

export interface Messages {
  siteName: string;
  skipToContent: string;
  languages: string;
  listHeading: string;
  noCommuniques: string;
  /** The round a communiqué belongs to, with and without its mechanism's name. */
  roundOf(ordinalRound: number, mechanism: string): string;
  round(n: number): string;
  /** The note over a text shown in another language than the page's. */
  fallbackNote(shown: string): string;
  /** The short mark beside a list item shown in another language. */
  fallbackMark(shown: string): string;
  correctedOn(date: string): string;
  earlierVersion: string;
  supersededNote(date: string): string;
  readCurrent: string;
  versions: string;
  versionOf(n: number, date: string): string;
  thisVersion: string;
  comments(count: number): string;
  noComments: string;
  leaveReply: string;
  formNote: string;
  name: string;
  email: string;
  website: string;
  comment: string;
  required: string;
  honeypot: string;
  submit: string;
  errorSummary: string;
  pending: string;
  backToTop: string;
  feed: string;
  feedTitle: string;
  notFoundTitle: string;
  notFoundText: string;
  backToList: string;
  publishedOn(date: string): string;
}

const en: Messages = {
  siteName: 'Communiqués',
  skipToContent: 'Skip to content',
  languages: 'Languages',
  listHeading: 'Communiqués',
  noCommuniques: 'No communiqué has been published yet.',
  roundOf: (n, mechanism) => `${ordinalEn(n)} round of the ${mechanism}`,
  round: (n) => `Round ${n}`,
  fallbackNote: (shown) => `This communiqué is not available in English. It is shown in ${shown}.`,
  fallbackMark: (shown) => `in ${shown}`,
  correctedOn: (date) => `Corrected on ${date}:`,
  earlierVersion: 'Read the earlier version',
  supersededNote: (date) => `A corrected version of this communiqué was published on ${date}.`,
  readCurrent: 'Read the current version',
  versions: 'Versions',
  versionOf: (n, date) => `Version ${n}, published ${date}`,
  thisVersion: '(this page)',
  comments: (count) => (count === 1 ? '1 comment' : `${count} comments`),
  noComments: 'No comments yet.',
  leaveReply: 'Leave a Reply',
  formNote: 'Your email address will not be published. Required fields are marked *',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  comment: 'Comment',
  required: 'required',
  honeypot: 'Leave this field empty',
  submit: 'Post Comment',
  errorSummary: 'Your comment could not be posted:',
  pending: 'Thank you. Your comment will appear once a moderator has approved it.',
  backToTop: 'Back to top',
  feed: 'Atom feed',
  feedTitle: 'Communiqués',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no published communiqué at this address.',
  backToList: 'See all communiqués',
  publishedOn: (date) => `Published on ${date}`,
};

const fr: Messages = {
  siteName: 'Communiqués',
  skipToContent: 'Aller au contenu',
  languages: 'Langues',
  listHeading: 'Communiqués',
  noCommuniques: 'Aucun communiqué n’a encore été publié.',
  roundOf: (n, mechanism) => `${mechanism}, ${n === 1 ? '1er' : `${n}e`} cycle`,
  round: (n) => `${n === 1 ? '1er' : `${n}e`} cycle`,
  fallbackNote: (shown) => `Ce communiqué n’est pas disponible en français. Il est affiché en ${shown}.`,
  fallbackMark: (shown) => `en ${shown}`,
  correctedOn: (date) => `Corrigé le ${date} :`,
  earlierVersion: 'Lire la version précédente',
  supersededNote: (date) => `Une version corrigée de ce communiqué a été publiée le ${date}.`,
  readCurrent: 'Lire la version en vigueur',
  versions: 'Versions',
  versionOf: (n, date) => `Version ${n}, publiée le ${date}`,
  thisVersion: '(cette page)',
  comments: (count) => (count <= 1 ? `${count} commentaire` : `${count} commentaires`),
  noComments: 'Aucun commentaire pour l’instant.',
  leaveReply: 'Laisser un commentaire',
  formNote: 'Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *',
  name: 'Nom',
  email: 'E-mail',
  website: 'Site web',
  comment: 'Commentaire',
  required: 'obligatoire',
  honeypot: 'Laissez ce champ vide',
  submit: 'Laisser un commentaire',
  errorSummary: 'Votre commentaire n’a pas pu être publié :',
  pending: 'Merci. Votre commentaire apparaîtra dès qu’un modérateur l’aura approuvé.',
  backToTop: 'Retour en haut',
  feed: 'Flux Atom',
  feedTitle: 'Communiqués',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Aucun communiqué publié ne se trouve à cette adresse.',
  backToList: 'Voir tous les communiqués',
  publishedOn: (date) => `Publié le ${date}`,
};

const zh: Messages = {
  siteName: '公报',
  skipToContent: '跳到正文',
  languages: '语言',
  listHeading: '公报',
  noCommuniques: '尚未发布任何公报。',
  roundOf: (n, mechanism) => `${mechanism}第${n}轮`,
  round: (n) => `第${n}轮`,
  fallbackNote: (shown) => `本公报暂无中文版本，以下为${shown}文本。`,
  fallbackMark: (shown) => `${shown}`,
  correctedOn: (date) => `${date}更正：`,
  earlierVersion: '阅读此前版本',
  supersededNote: (date) => `本公报的更正版本已于${date}发布。`,
  readCurrent: '阅读现行版本',
  versions: '版本',
  versionOf: (n, date) => `第${n}版，${date}发布`,
  thisVersion: '（本页）',
  comments: (count) => `${count}条评论`,
  noComments: '暂无评论。',
  leaveReply: '发表评论',
  formNote: '您的电子邮箱地址不会被公开。必填项已用 * 标注',
  name: '姓名',
  email: '电子邮箱',
  website: '网站',
  comment: '评论',
  required: '必填',
  honeypot: '请勿填写此栏',
  submit: '发表评论',
  errorSummary: '您的评论未能提交：',
  pending: '谢谢。您的评论经审核通过后将会显示。',
  backToTop: '返回顶部',
  feed: 'Atom 订阅',
  feedTitle: '公报',
  notFoundTitle: '未找到页面',
  notFoundText: '此地址没有已发布的公报。',
  backToList: '查看全部公报',
  publishedOn: (date) => `发布于${date}`,
};

const ru: Messages = {
  siteName: 'Коммюнике',
  skipToContent: 'Перейти к содержанию',
  languages: 'Языки',
  listHeading: 'Коммюнике',
  noCommuniques: 'Коммюнике ещё не опубликованы.',
  roundOf: (n, mechanism) => `${mechanism}, ${n}-й раунд`,
  round: (n) => `${n}-й раунд`,
  fallbackNote: (shown) => `Это коммюнике недоступно на русском языке. Текст приведён на языке: ${shown}.`,
  fallbackMark: (shown) => `язык: ${shown}`,
  correctedOn: (date) => `Исправлено ${date}:`,
  earlierVersion: 'Прочитать предыдущую версию',
  supersededNote: (date) => `Исправленная версия этого коммюнике опубликована ${date}.`,
  readCurrent: 'Прочитать действующую версию',
  versions: 'Версии',
  versionOf: (n, date) => `Версия ${n}, опубликована ${date}`,
  thisVersion: '(эта страница)',
  comments: (count) => `Комментарии: ${count}`,
  noComments: 'Комментариев пока нет.',
  leaveReply: 'Оставить комментарий',
  formNote: 'Ваш адрес электронной почты не будет опубликован. Обязательные поля помечены *',
  name: 'Имя',
  email: 'Электронная почта',
  website: 'Сайт',
  comment: 'Комментарий',
  required: 'обязательно',
  honeypot: 'Оставьте это поле пустым',
  submit: 'Отправить комментарий',
  errorSummary: 'Не удалось отправить комментарий:',
  pending: 'Спасибо. Ваш комментарий появится после одобрения модератором.',
  backToTop: 'Наверх',
  feed: 'Лента Atom',
  feedTitle: 'Коммюнике',
  notFoundTitle: 'Страница не найдена',
  notFoundText: 'По этому адресу нет опубликованного коммюнике.',
  backToList: 'Все коммюнике',
  publishedOn: (date) => `Опубликовано ${date}`,
};

export const MESSAGES: Readonly<Record<SiteLang, Messages>> = { en, fr, zh, ru };

/** Each language's name in itself, for the language switch. */
export const ENDONYMS: Readonly<Record<SiteLang, string>> = { en: 'English', fr: 'Français', zh: '中文', ru: 'Русский' };

export function isSiteLang(s: string): s is SiteLang {
  return (SITE_LANGS as readonly string[]).includes(s);
}

function ordinalEn(n: number): string {
  const rem100 = n % 100;
  const suffix = rem100 >= 11 && rem100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

// Intl objects are costly to make: one per language and shape, made on first use.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: SiteLang, shape: 'day' | 'month' | 'year'): Intl.DateTimeFormat {
  const key = `${lang}|${shape}`;
  let f = formats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      shape === 'day' ? { dateStyle: 'long', timeZone: 'UTC' } : shape === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
    formats.set(key, (f = new Intl.DateTimeFormat(lang, opts)));
  }
  return f;
}

/** An instant (ISO 8601) as its UTC day, written for `lang`. */
export function formatInstant(lang: SiteLang, iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : format(lang, 'day').format(t);
}

/** A partial date (YYYY, YYYY-MM or YYYY-MM-DD) written with no more precision than it has. */
export function formatPartialDate(lang: SiteLang, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return date;
  const t = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  return format(lang, d !== undefined ? 'day' : m !== undefined ? 'month' : 'year').format(t);
}

const languageNames = new Map<SiteLang, Intl.DisplayNames>();
/** A language's name in the page's language ("French" on an English page, "法语" on a Chinese one). */
export function languageName(lang: SiteLang, of: string): string {
  let names = languageNames.get(lang);
  if (!names) languageNames.set(lang, (names = new Intl.DisplayNames(lang, { type: 'language' })));
  try {
    return names.of(of) ?? of;
  } catch {
    return of;
  }
}
