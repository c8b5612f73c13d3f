import { area } from '../area.ts';

/** The profile area's messages (see ../area.ts). */
export const profile = area({
  en: {},
  fr: {},
  zh: {},
  ru: {},
});
