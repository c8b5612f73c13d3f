import { area } from '../area.ts';

/** The ledger area's messages (see ../area.ts). */
export const ledger = area({
  en: {},
  fr: {},
  zh: {},
  ru: {},
});
