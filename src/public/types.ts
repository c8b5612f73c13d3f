import type { RecordData } from '../record/common/resource.ts';

/** The languages of the public site (its pages, feeds and messages). */
export const SITE_LANGS = ['en', 'fr', 'zh', 'ru'] as const;
export type SiteLang = (typeof SITE_LANGS)[number];

/** An approved comment as the public sees it: never its email. */
export interface PublicComment {
  id: string;
  name: string;
  website: string | null;
  body: string;
  createdAt: string;
}

export type CommentField = 'name' | 'email' | 'website' | 'comment';

/** The comment form as shown: the visitor's input, its errors, and the notice after a post. */
export interface CommentFormState {
  values: Record<CommentField, string>;
  errors: Partial<Record<CommentField | 'form', string>>;
  notice?: 'pending';
}

/**
 * Everything a communiqué's public page shows (src/public/site/render.ts). `loadCommuniquePage`
 * (src/public/site/load.ts) reads it all under the public's policy.
 */
export interface CommuniquePageInput {
  lang: SiteLang;
  communique: RecordData;
  round?: RecordData;
  event?: RecordData;
  /** The round's or event's mechanism, for "20th round of <mechanism>" (optional: without it, "Round 20"). */
  mechanism?: RecordData;
  /** The published chain of versions, oldest first (the communiqué is one of them). */
  versions: RecordData[];
  comments: PublicComment[];
  form?: CommentFormState;
}
