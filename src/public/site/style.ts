import { createHash } from 'node:crypto';

/**
 * The public site's one stylesheet, served as a file whose name carries its hash (cached for a
 * year; a change makes a new name), so the strict CSP (style-src 'self') holds with no inline
 * style. Kept in a module rather than a .css file: the server is bundled at start (decision
 * 0002) and a module travels with the bundle.
 */
export const STYLESHEET = `
:root {
  --ink: #1d1f23; --muted: #4f5561; --paper: #fdfcf9; --rule: #d9d6ce; --accent: #1f4e8c;
  --accent-soft: #e8eef7; --note: #fff6dd; --note-rule: #c99a1c; --error: #a4161a; --error-soft: #fdeceb;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: 0.5rem; top: -3rem; background: var(--ink); color: #fff; padding: 0.5rem 0.75rem; z-index: 1; }
.skip:focus { top: 0.5rem; }
.wrap { max-width: 44rem; margin: 0 auto; padding-inline: 1.25rem; }
.site-header { border-bottom: 1px solid var(--rule); background: #fff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; padding-block: 0.9rem; }
.site-name { margin: 0; font-size: 1.25rem; font-weight: 650; letter-spacing: 0.01em; }
.site-name a { color: var(--ink); text-decoration: none; }
.langs ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
.langs a { display: inline-block; padding: 0.25rem 0; }
.langs a[aria-current] { color: var(--ink); font-weight: 650; text-decoration: none; border-bottom: 2px solid var(--ink); }
main { padding-block: 2rem 1rem; }
h1, h2, h3 { line-height: 1.25; font-weight: 650; }
h1 { font-size: clamp(1.6rem, 1.2rem + 2vw, 2.25rem); margin: 0 0 0.75rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 1rem; }
.meta { color: var(--muted); margin: 0 0 0.25rem; }
.round { margin: 0 0 1.5rem; font-weight: 500; }
.text { font-family: Georgia, "Iowan Old Style", "Noto Serif", "Noto Serif CJK SC", serif; font-size: 1.1875rem; line-height: 1.7; }
.text p { margin: 0 0 1.1em; }
.text:lang(zh), .text:lang(ja) { font-family: inherit; }
.note { background: var(--note); border-left: 4px solid var(--note-rule); padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.note p { margin: 0; }
.versions { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 0.5rem; }
.versions h2 { font-size: 1.1rem; margin: 1rem 0 0.5rem; }
.versions ol { margin: 0; padding-left: 1.25rem; }
.list { list-style: none; margin: 0; padding: 0; }
.list > li { border-top: 1px solid var(--rule); padding: 1.25rem 0; }
.list > li:last-child { border-bottom: 1px solid var(--rule); }
.list h2 { margin: 0 0 0.35rem; font-size: 1.3rem; }
.list p { margin: 0; }
.mark { display: inline-block; font-size: 0.875rem; color: var(--muted); border: 1px solid var(--rule); border-radius: 0.25rem; padding: 0 0.4rem; margin-left: 0.25rem; }
.comments { border-top: 1px solid var(--rule); margin-top: 2.5rem; }
.comment-list { list-style: none; margin: 0; padding: 0; }
.comment-list > li { padding: 1rem 0; border-bottom: 1px solid var(--rule); }
.comment-list p { margin: 0 0 0.5em; overflow-wrap: anywhere; }
.comment-head { display: flex; flex-wrap: wrap; gap: 0 0.75rem; align-items: baseline; margin-bottom: 0.35rem; }
.comment-author { font-weight: 650; }
.comment-head time { color: var(--muted); font-size: 0.9375rem; }
.respond { margin-top: 1rem; }
.respond form { display: grid; gap: 1.1rem; }
.field label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
.field input, .field textarea {
  display: block; width: 100%; font: inherit; color: var(--ink); background: #fff;
  border: 1px solid #767b86; border-radius: 0.25rem; padding: 0.55rem 0.65rem;
}
.field textarea { min-height: 10rem; resize: vertical; }
.field input[aria-invalid="true"], .field textarea[aria-invalid="true"] { border: 2px solid var(--error); }
.field-error { color: var(--error); font-weight: 600; margin: 0.3rem 0 0; }
.req { color: var(--error); }
.form-note { margin: 0 0 0.5rem; color: var(--muted); }
.errors { background: var(--error-soft); border: 2px solid var(--error); padding: 0.75rem 1rem; border-radius: 0.25rem; }
.errors p { margin: 0 0 0.25rem; font-weight: 650; }
.errors ul { margin: 0; padding-left: 1.25rem; }
.notice { background: var(--accent-soft); border-left: 4px solid var(--accent); padding: 0.75rem 1rem; margin: 0 0 1rem; }
button {
  justify-self: start; font: inherit; font-weight: 650; color: #fff; background: var(--accent);
  border: 0; border-radius: 0.25rem; padding: 0.65rem 1.25rem; cursor: pointer;
}
button:hover { background: #173c6c; }
.hp { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.site-footer { border-top: 1px solid var(--rule); margin-top: 3rem; }
.site-footer .wrap { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 1.5rem; padding-block: 1.25rem 2rem; }
.site-footer p { margin: 0; }
@media (max-width: 30rem) {
  .wrap { padding-inline: 1rem; }
  main { padding-top: 1.25rem; }
  .text { font-size: 1.125rem; }
}
@media print {
  .site-header nav, .respond, .skip, .back-to-top { display: none; }
  body { background: #fff; }
}
`;

export const STYLESHEET_HASH = createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 16);
export const STYLESHEET_PATH = `/site/style.${STYLESHEET_HASH}.css`;
