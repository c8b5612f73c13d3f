import { area } from '../area.ts';

/** The commitments area's messages (see ../area.ts). */
export const commitments = area({
  en: {},
  fr: {},
  zh: {},
  ru: {},
});
