import { area } from '../area.ts';

/** The editors area's messages (see ../area.ts). */
export const editors = area({
  en: {},
  fr: {},
  zh: {},
  ru: {},
});
