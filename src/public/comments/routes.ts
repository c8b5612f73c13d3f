import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { Problem } from '../../http/problem.ts';
import { crossOrigin } from '../../http/origin-check.ts';
import { ID_PATTERN } from '../../record/common/id.ts';
import { loadCommuniquePage } from '../site/load.ts';
import { renderCommuniquePage, renderNotFoundPage } from '../site/render.ts';
import { SITE_LANGS, type CommentFormState, type CommuniquePageInput, type SiteLang } from '../types.ts';
import { checkCommentForm, FORM_BODY_LIMIT, FormBody, fingerprint, formValues, parseFormBody, UnreadableForm } from './form.ts';
import { messagesFor, type FormMessages } from './messages.ts';
import { moderationRoutes } from './moderation-routes.ts';
import { CommentRateLimiter, DEFAULT_COMMENT_LIMITS, type CommentLimits } from './rate-limit.ts';
import { storeComment } from './store.ts';
import { checkFormToken, loadFormKey, spendFormToken, unspendFormToken, useFormKey, type TokenRefusal } from './token.ts';

export interface CommentRouteOptions {
  /** The data directory, where the form key is kept. */
  dataDir: string;
  limits?: CommentLimits;
}

/**
 * The public's comment form (`POST /:lang/communiques/:id/comments`) and the secretariat's
 * moderation API. The form is posted by a page without JavaScript, so it answers with pages:
 * 303 to the communiqué after a post, the page with the visitor's input and a message at each
 * wrong field otherwise (422; 429 over the rate limit; 400 for a body it cannot read).
 */
export function commentRoutes(app: FastifyInstance, ctx: AppContext, opts: CommentRouteOptions): void {
  useFormKey(loadFormKey(opts.dataDir));
  const limiter = new CommentRateLimiter(opts.limits ?? DEFAULT_COMMENT_LIMITS);
  moderationRoutes(app, ctx);
  // Its own scope: the form body parser (the API takes JSON only) and plain messages for bodies
  // that are not a form serve this route alone.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (req, raw, done) => {
      done(null, parseFormBody(raw as Buffer, req.headers['content-type']));
    });
    scope.setErrorHandler(async (err: FastifyError) => {
      // Rethrown, it reaches the app's handler, which writes problem+json.
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw notAForm();
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new Problem(413, `the comment form may not exceed ${FORM_BODY_LIMIT / 1024} KiB`);
      throw err;
    });
    scope.post('/:lang/communiques/:id/comments', { schema: { hide: true }, config: { actsAsNoOne: true } }, async (req, reply) => {
      const { lang: given, id } = req.params as { lang: string; id: string };
      const lang = SITE_LANGS.find((l) => l === given);
      if (!lang || !ID_PATTERN.test(id)) return notFoundPage(reply, lang ?? 'en');
      // Another site's page may not post comments through its visitors' browsers (spam from
      // their addresses, past the rate limit): the app's Origin rule, for everyone.
      const from = crossOrigin(req);
      if (from) throw new Problem(403, `${from} may not post comments here`);
      const page = await loadCommuniquePage(ctx.store.db, lang, id);
      if (!page) return notFoundPage(reply, lang);
      return takeComment(req, reply, page, limiter, ctx);
    });
  });
}

async function takeComment(req: FastifyRequest, reply: FastifyReply, page: CommuniquePageInput, limiter: CommentRateLimiter, ctx: AppContext) {
  const { lang } = page;
  const id = String(page.communique.id);
  const t = messagesFor(lang);
  const body = req.body;
  const show = (status: number, form: CommentFormState) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderCommuniquePage({ ...page, form }));

  const limited = limiter.hit(req.ip);
  if (!limited.ok) {
    void reply.header('retry-after', String(limited.retryAfterS));
    return show(429, { values: formValues(body instanceof FormBody ? body : undefined), errors: { form: t.rateLimited(Math.ceil(limited.retryAfterS / 60)) } });
  }
  if (body instanceof UnreadableForm) {
    req.log.info({ reason: body.reason }, 'an unreadable comment form');
    return show(400, { values: formValues(undefined), errors: { form: t.unreadable } });
  }
  if (!(body instanceof FormBody)) throw notAForm();
  // The honeypot: people never see it; a filled one is a robot, answered as if it had posted.
  if ((body.get('homepage') ?? '').trim() !== '') {
    req.log.info({ communique: id }, 'a comment caught by the honeypot was dropped');
    return pending(reply, lang, id);
  }

  const checked = checkCommentForm(body, lang);
  const token = checkFormToken(body.get('token'), id);
  const errors = { ...checked.errors, ...(token.ok ? {} : { form: tokenMessage(t, token.reason) }) };
  if (!token.ok || !checked.comment) return show(422, { values: checked.values, errors });

  // Spent before storing: a second post of the same form at the same moment finds it spent.
  if (!spendFormToken(token)) return show(422, { values: checked.values, errors: { form: t.tokenUsed } });
  const c = checked.comment;
  let outcome: 'stored' | 'duplicate';
  try {
    outcome = await storeComment(ctx.store.db, ctx.store.dialect, {
      ...c,
      communiqueId: id,
      mechanismId: String(page.communique.mechanismId),
      language: lang,
      fingerprint: fingerprint(id, c.email, c.body),
    });
  } catch (err) {
    unspendFormToken(token);
    throw err;
  }
  if (outcome === 'duplicate') {
    unspendFormToken(token);
    return show(422, { values: checked.values, errors: { form: t.duplicate } });
  }
  return pending(reply, lang, id);
}

const pending = (reply: FastifyReply, lang: SiteLang, id: string) => reply.redirect(`/${lang}/communiques/${id}?comment=pending#respond`, 303);

const notFoundPage = (reply: FastifyReply, lang: SiteLang) => reply.status(404).type('text/html; charset=utf-8').send(renderNotFoundPage(lang));

const notAForm = () => new Problem(415, 'send the comment form as application/x-www-form-urlencoded (UTF-8)', [{ field: '(body)', message: 'is not a form' }]);

function tokenMessage(t: FormMessages, reason: TokenRefusal): string {
  if (reason === 'expired') return t.tokenExpired;
  if (reason === 'used') return t.tokenUsed;
  return t.tokenMissing;
}
