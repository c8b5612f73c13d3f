import type { SiteLang } from '../types.ts';

/**
 * What the comment form says about a submission it refuses, in the page's language. Field
 * messages are shown at their field; form messages above the form.
 */
export interface FormMessages {
  nameRequired: string;
  nameTooLong: string;
  emailRequired: string;
  emailInvalid: string;
  emailTooLong: string;
  websiteInvalid: string;
  websiteTooLong: string;
  commentRequired: string;
  commentTooLong: string;
  hiddenCharacters: string;
  tokenMissing: string;
  tokenExpired: string;
  tokenUsed: string;
  duplicate: string;
  rateLimited: (minutes: number) => string;
  unreadable: string;
}

const en: FormMessages = {
  nameRequired: 'Enter your name.',
  nameTooLong: 'Your name can have at most 100 characters.',
  emailRequired: 'Enter your email address.',
  emailInvalid: 'Enter an email address like name@example.org, without a name or spaces around it.',
  emailTooLong: 'The email address can have at most 254 characters.',
  websiteInvalid: 'Enter a web address starting with http:// or https://, or leave the field empty.',
  websiteTooLong: 'The web address can have at most 200 characters.',
  commentRequired: 'Write your comment.',
  commentTooLong: 'Your comment can have at most 5,000 characters.',
  hiddenCharacters: 'Remove the control or hidden formatting characters from this field.',
  tokenMissing: 'This form could not be checked. Please send it again from this page.',
  tokenExpired: 'This form is more than a day old. Please send it again.',
  tokenUsed: 'This form was already sent. To post another comment, send it again.',
  duplicate: 'You have already posted this comment.',
  rateLimited: (m) => `You have sent too many comments. Please try again in ${m} ${m === 1 ? 'minute' : 'minutes'}.`,
  unreadable: 'The form could not be read. Please send it again from this page (as UTF-8).',
};

const fr: FormMessages = {
  nameRequired: 'Indiquez votre nom.',
  nameTooLong: 'Votre nom peut compter au plus 100 caractères.',
  emailRequired: 'Indiquez votre adresse e-mail.',
  emailInvalid: 'Indiquez une adresse e-mail comme nom@exemple.org, sans nom ni espaces autour.',
  emailTooLong: "L'adresse e-mail peut compter au plus 254 caractères.",
  websiteInvalid: 'Indiquez une adresse web commençant par http:// ou https://, ou laissez le champ vide.',
  websiteTooLong: "L'adresse web peut compter au plus 200 caractères.",
  commentRequired: 'Écrivez votre commentaire.',
  commentTooLong: 'Votre commentaire peut compter au plus 5 000 caractères.',
  hiddenCharacters: 'Retirez de ce champ les caractères de contrôle ou de mise en forme invisibles.',
  tokenMissing: "Ce formulaire n'a pas pu être vérifié. Envoyez-le de nouveau depuis cette page.",
  tokenExpired: 'Ce formulaire date de plus d’un jour. Envoyez-le de nouveau.',
  tokenUsed: 'Ce formulaire a déjà été envoyé. Pour publier un autre commentaire, envoyez-le de nouveau.',
  duplicate: 'Vous avez déjà publié ce commentaire.',
  rateLimited: (m) => `Vous avez envoyé trop de commentaires. Réessayez dans ${m} minute${m === 1 ? '' : 's'}.`,
  unreadable: "Le formulaire n'a pas pu être lu. Envoyez-le de nouveau depuis cette page (en UTF-8).",
};

const zh: FormMessages = {
  nameRequired: '请输入您的姓名。',
  nameTooLong: '姓名最多100个字符。',
  emailRequired: '请输入您的电子邮件地址。',
  emailInvalid: '请输入形如 name@example.org 的电子邮件地址，前后不要有姓名或空格。',
  emailTooLong: '电子邮件地址最多254个字符。',
  websiteInvalid: '请输入以 http:// 或 https:// 开头的网址，或留空。',
  websiteTooLong: '网址最多200个字符。',
  commentRequired: '请填写评论内容。',
  commentTooLong: '评论最多5,000个字符。',
  hiddenCharacters: '请删除此栏中的控制字符或隐藏格式字符。',
  tokenMissing: '无法验证此表单，请在本页重新提交。',
  tokenExpired: '此表单已超过一天，请重新提交。',
  tokenUsed: '此表单已提交过。如要发表另一条评论，请重新提交。',
  duplicate: '您已发表过这条评论。',
  rateLimited: (m) => `您提交的评论过多，请${m}分钟后再试。`,
  unreadable: '无法读取表单，请在本页重新提交（UTF-8 编码）。',
};

const ru: FormMessages = {
  nameRequired: 'Укажите ваше имя.',
  nameTooLong: 'Имя может содержать не более 100 символов.',
  emailRequired: 'Укажите адрес электронной почты.',
  emailInvalid: 'Укажите адрес электронной почты вида name@example.org, без имени и пробелов.',
  emailTooLong: 'Адрес электронной почты может содержать не более 254 символов.',
  websiteInvalid: 'Укажите веб-адрес, начинающийся с http:// или https://, или оставьте поле пустым.',
  websiteTooLong: 'Веб-адрес может содержать не более 200 символов.',
  commentRequired: 'Напишите комментарий.',
  commentTooLong: 'Комментарий может содержать не более 5 000 символов.',
  hiddenCharacters: 'Удалите из этого поля управляющие или скрытые символы форматирования.',
  tokenMissing: 'Не удалось проверить форму. Отправьте её ещё раз с этой страницы.',
  tokenExpired: 'Этой форме больше суток. Отправьте её ещё раз.',
  tokenUsed: 'Эта форма уже отправлена. Чтобы оставить ещё один комментарий, отправьте её снова.',
  duplicate: 'Вы уже отправили этот комментарий.',
  rateLimited: (m) => `Вы отправили слишком много комментариев. Повторите попытку через ${m} мин.`,
  unreadable: 'Не удалось прочитать форму. Отправьте её ещё раз с этой страницы (в кодировке UTF-8).',
};

const CATALOG: Record<SiteLang, FormMessages> = { en, fr, zh, ru };

export const messagesFor = (lang: SiteLang): FormMessages => CATALOG[lang];
