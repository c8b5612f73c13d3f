import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { parse as parseMessage } from '@formatjs/icu-messageformat-parser';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * index.html loads the small boot script (main.ts), which imports the app (mount.tsx) once it has
 * started the first page's reads. Without a hint the app's chunks would only be asked for then:
 * this lists them in index.html as module preloads, so that they download with the boot script.
 */
function preloadApp(appModule: string): Plugin {
  let base = '/';
  return {
    name: 'entente:preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
        const app = [...chunks.values()].find((c) => c.moduleIds.includes(appModule));
        if (!app) throw new Error(`no chunk for ${appModule}`);
        // The app's chunk and what it imports, less what the boot script loads already.
        const loaded = new Set<string>();
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return;
          into.add(file);
          for (const dep of chunks.get(file)?.imports ?? []) walk(dep, into);
        };
        walk(chunk.fileName, loaded);
        const wanted = new Set<string>();
        walk(app.fileName, wanted);
        return [...wanted]
          .filter((file) => !loaded.has(file))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Each script and stylesheet also as .br and .gz beside it, which the server sends to browsers
 * that accept them (src/http/workspace.ts): compressed once here, harder than a server would on
 * each request (brotli 10: within 2 % of 11's size in a third of the time). Files too small to
 * gain are left alone.
 */
function precompressAssets(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'entente:precompress',
    apply: 'build',
    enforce: 'post',
    // From the files as written: every plugin has had its say on their contents by then.
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.keys(bundle).filter((name) => /\.(js|css)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(dir, name);
          const source = await readFile(file);
          if (source.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10, [zlib.BROTLI_PARAM_SIZE_HINT]: source.length } }),
            gzipped(source, { level: zlib.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}

/** Every node of an ESTree syntax tree, depth first. */
function* nodesOf(node: unknown): Generator<SyntaxNode> {
  if (Array.isArray(node)) {
    for (const child of node) yield* nodesOf(child);
  } else if (node && typeof node === 'object' && typeof (node as SyntaxNode).type === 'string') {
    yield node as SyntaxNode;
    for (const value of Object.values(node)) if (value && typeof value === 'object') yield* nodesOf(value);
  }
}

/**
 * The message catalogs (web/i18n/messages/) compiled at build time into the syntax trees
 * react-intl formats from: the browser then neither parses messages nor ships the parser (the
 * alias puts formatjs's no-parser build in its place; both at build time only, the dev server
 * parses as before). Every string value in those files
 * is a message; a message that does not parse fails the build. The sources keep plain ICU strings.
 */
function precompileMessages(dir: string): Plugin {
  return {
    name: 'entente:precompile-messages',
    apply: 'build',
    enforce: 'post', // after TypeScript is stripped
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } }),
    transform(code, id) {
      if (!id.startsWith(dir)) return null;
      const edits: Array<{ start: number; end: number; text: string }> = [];
      for (const node of nodesOf(this.parse(code))) {
        if (node.type !== 'Property') continue;
        const value = node.value as SyntaxNode & { value?: unknown };
        if (value.type === 'TemplateLiteral') this.error(`${id}: write messages as plain strings, not templates`);
        if (value.type !== 'Literal' || typeof value.value !== 'string') continue;
        try {
          edits.push({ start: value.start, end: value.end, text: JSON.stringify(parseMessage(value.value)) });
        } catch (err) {
          this.error(`${id}: the message ${JSON.stringify(value.value)} does not parse: ${String(err)}`);
        }
      }
      let out = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

type ModuleGraph = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };

/** The modules `from` imports statically, itself included. */
function staticClosure(graph: ModuleGraph, from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dep of graph.getModuleInfo(id)?.importedIds ?? []) visit(dep);
  };
  visit(from);
  return seen;
}

/**
 * The chunks of a first load: the boot script with what it imports (one file), then the app in
 * two files that the browser parses in parallel, the libraries and our own code. Fewer files
 * matter too: the browser opens six connections per server, and the first page's reads need
 * them. Pages loaded later keep their own chunks (Rolldown's automatic splitting).
 */
function firstLoadChunks(boot: string, app: string) {
  let closures: { boot: Set<string>; app: Set<string> } | undefined;
  const initial = (graph: ModuleGraph) => (closures ??= { boot: staticClosure(graph, boot), app: staticClosure(graph, app) });
  const library = /[\\/]node_modules[\\/]/;
  // Groups are filled by priority: a module the boot script needs stays with it.
  return [
    { name: 'boot', priority: 3, test: (id: string, graph: ModuleGraph) => initial(graph).boot.has(id) },
    { name: 'libraries', priority: 2, test: (id: string, graph: ModuleGraph) => initial(graph).app.has(id) && library.test(id) },
    { name: 'app', priority: 1, test: (id: string, graph: ModuleGraph) => initial(graph).app.has(id) },
  ].map(({ name, priority, test }) => ({ name: (id: string, graph: ModuleGraph) => (test(id, graph) ? name : null), debugName: name, priority }));
}

/** The workspace, served by the API server under /workspace/ (src/http/workspace.ts). */
export default defineConfig({
  root,
  base: '/workspace/',
  plugins: [react(), precompileMessages(path.join(root, 'i18n', 'messages') + path.sep), preloadApp(path.join(root, 'mount.tsx')), precompressAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Only the CSP's 'self': no asset is inlined as a data: URL into scripts or styles.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: { codeSplitting: { groups: firstLoadChunks(path.join(root, 'index.html'), path.join(root, 'mount.tsx')) } },
    },
  },
});
