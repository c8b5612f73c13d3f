import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../http/context.ts';
import { Problem } from '../../http/problem.ts';
import { ID_PATTERN } from '../../record/common/id.ts';
import { approvedComments } from '../comments/store.ts';
import { formToken } from '../comments/token.ts';
import { SITE_LANGS, type SiteLang } from '../types.ts';
import { RenderCache } from './cache.ts';
import { renderFeed, renderSitemap } from './feed.ts';
import { currentVersions, listedCommuniques, loadCommuniquePage, publishedCommuniques, recordsStamp } from './load.ts';
import { isSiteLang } from './messages.ts';
import { paths, renderCommuniquePage, renderListPage, renderNotFoundPage } from './render.ts';
import { STYLESHEET, STYLESHEET_PATH } from './style.ts';

/**
 * The public site (DESIGN §6): `/` (to the visitor's language), `/:lang/` the published
 * communiqués, `/:lang/communiques/:id` one of them, `/:lang/feed.atom`, `/sitemap.xml`, and
 * the stylesheet. Everything is read as the public, whoever is signed in.
 */
export function publicSiteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db, dialect } = ctx.store;
  // Answers kept as bytes (sent without encoding them again) while the records they show are
  // unchanged (recordsStamp); a page also while its approved comments are.
  const kept = new RenderCache<Buffer>(CACHE_BYTES);
  const pages = new RenderCache<[Buffer, Buffer]>(CACHE_BYTES);

  // A page's stamp (its records and approved comments), read again only once something was
  // committed since (the store's change counter, where it has one: SQLite).
  const stamps = new Map<string, { committed: number; stamp: string }>();
  let records: { committed: number; stamp: string } | undefined;
  async function recordsNow(): Promise<string> {
    const committed = ctx.store.committed?.();
    if (records && records.committed === committed) return records.stamp;
    const stamp = await recordsStamp(db);
    if (committed !== undefined) records = { committed, stamp };
    return stamp;
  }
  async function pageStamp(id: string): Promise<string> {
    const committed = ctx.store.committed?.();
    const known = committed === undefined ? undefined : stamps.get(id);
    if (known && known.committed === committed) return known.stamp;
    const stamp = `${await recordsNow()}|${JSON.stringify(await approvedComments(db, id))}`;
    if (committed !== undefined) {
      if (stamps.size >= MAX_STAMPS) stamps.delete(stamps.keys().next().value!);
      stamps.set(id, { committed, stamp });
    }
    return stamp;
  }

  /** The answer kept under `key`, or a fresh one made (after the stamp is read: never older than it). */
  async function keptOr(key: string, stamp: string, make: () => Promise<string>): Promise<Buffer> {
    let bytes = kept.get(key, stamp);
    if (bytes === undefined) kept.set(key, stamp, (bytes = Buffer.from(await make())));
    return bytes;
  }

  app.get('/', { schema: { hide: true } }, async (req, reply) =>
    reply.header('vary', 'Accept-Language').header('cache-control', 'no-cache').redirect(paths.list(preferredLang(req.headers['accept-language'])), 302),
  );
  app.get(STYLESHEET_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(STYLESHEET_BYTES),
  );
  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const origin = originOf(req);
    const xml = await keptOr(`sitemap|${origin}`, await recordsNow(), async () => renderSitemap(origin, await publishedCommuniques(db, dialect)));
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
  });

  for (const lang of SITE_LANGS) {
    app.get(`/${lang}`, { schema: { hide: true } }, async (_req, reply) => reply.redirect(paths.list(lang), 301));

    app.get(paths.list(lang), { schema: { hide: true } }, async (req, reply) => {
      const origin = originOf(req);
      const body = await keptOr(`list|${lang}|${origin}`, await recordsNow(), async () =>
        renderListPage(lang, await listedCommuniques(db, currentVersions(await publishedCommuniques(db, dialect))), { origin }),
      );
      return page(reply, lang, 200).send(body);
    });

    app.get(`/${lang}/communiques/:id`, { schema: { hide: true } }, async (req, reply) => {
      const origin = originOf(req);
      const { id } = req.params as { id: string };
      if ((req.query as Record<string, unknown>).comment === 'pending') {
        const input = await loadCommuniquePage(db, lang, id);
        if (!input) return page(reply, lang, 404).send(renderNotFoundPage(lang));
        const form = { values: { name: '', email: '', website: '', comment: '' }, errors: {}, notice: 'pending' as const };
        return page(reply, lang, 200).send(renderCommuniquePage({ ...input, form }, { origin }));
      }
      // No stamp kept for what cannot be a record id (a visitor could fill the stamps with them).
      if (!ID_PATTERN.test(id)) return page(reply, lang, 404).send(renderNotFoundPage(lang));
      const stamp = await pageStamp(id);
      const key = `${lang}|${origin}|${id}`;
      let parts = pages.get(key, stamp);
      if (!parts) {
        const input = await loadCommuniquePage(db, lang, id);
        if (!input) return page(reply, lang, 404).send(renderNotFoundPage(lang));
        // Rendered once with a marker where the form's token goes; each answer gets its own token.
        const split = renderCommuniquePage(input, { origin, token: TOKEN_MARK }).split(TOKEN_MARK);
        if (split.length !== 2) return page(reply, lang, 200).send(renderCommuniquePage(input, { origin }));
        pages.set(key, stamp, (parts = [Buffer.from(split[0]!), Buffer.from(split[1]!)]));
      }
      return page(reply, lang, 200).send(Buffer.concat([parts[0], Buffer.from(formToken(id)), parts[1]]));
    });

    app.get(paths.feed(lang), { schema: { hide: true } }, async (req, reply) => {
      const origin = originOf(req);
      const xml = await keptOr(`feed|${lang}|${origin}`, await recordsNow(), async () => renderFeed(lang, origin, currentVersions(await publishedCommuniques(db, dialect))));
      return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
    });
  }
}

const STYLESHEET_BYTES = Buffer.from(STYLESHEET);
/** Page stamps kept (one per communiqué id asked for, published or not). */
const MAX_STAMPS = 10_000;
/** Memory for kept pages, and as much for kept lists, feeds and sitemaps. */
const CACHE_BYTES = 32 * 1024 * 1024;

/** A random word no record or visitor can write, where a page's form token is spliced in. */
const TOKEN_MARK = `token${randomBytes(16).toString('hex')}`;

function page(reply: FastifyReply, lang: SiteLang, status: number): FastifyReply {
  // A page carries a fresh form token: a browser asks again rather than reuse one.
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache');
}

const HOST = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The scheme and host of absolute links (feeds, sitemap, alternates): the request's, if it is a host name. */
function originOf(req: FastifyRequest): string {
  if (!HOST.test(req.host)) throw new Problem(400, 'the Host header is not a host name');
  return `${req.protocol}://${req.host}`;
}

/** The site language the visitor prefers most (Accept-Language, RFC 9110 §12.5.4); English by default. */
export function preferredLang(header: string | undefined): SiteLang {
  if (!header) return 'en';
  const ranges = header
    .split(',')
    .slice(0, 50)
    .map((part, order) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)).find(Boolean);
      return { primary: range.trim().split('-')[0]!.toLowerCase(), q: q ? Number(q[1]) : 1, order };
    })
    .filter((r) => r.q > 0 && r.primary !== '')
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const r of ranges) {
    if (r.primary === '*') return 'en';
    if (isSiteLang(r.primary)) return r.primary;
  }
  return 'en';
}
