import { createHash } from 'node:crypto';
import { openStore } from '../src/db/index.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { principalByName } from '../src/access/accounts.ts';
import { approveCommunique, publishDue } from '../src/record/communiques/workflow.ts';
import { storeComment } from '../src/public/comments/store.ts';
import { moderateComments } from '../src/public/comments/moderation.ts';
import { measure, recordLoad, type Load } from './http.ts';
import { memoryOf, startServer } from './server.ts';
import { endpointMetrics, progress, type Benchmark, type BenchEnv, type Figure, type Metric, type Outcome, type RunOptions, type Scope } from './harness.ts';

/**
 * The public site (issue 6): the demo's round-20 communiqué published by both co-chairs'
 * approval, with ten approved comments, then the real server under autocannon, signed out:
 *   (p) GET /en/communiques/<id>   the page (French text shown to an English reader, comments, form)
 *   (f) GET /en/feed.atom          the Atom feed
 */

const COMMENTS = 10;

export const publicMetrics: Metric[] = [
  ...endpointMetrics('page', '(p)', 'communiqué page', { rps: 3000, p99: 10 }),
  ...endpointMetrics('feed', '(f)', 'Atom feed', { rps: 3000, p99: 10 }),
  { key: 'server.rss', label: 'server RSS after the runs', unit: 'MB', decimals: 1 },
];

/** Seeds the demo, publishes its communiqué as both co-chairs would, and approves comments on it. */
export async function prepare(env: Pick<BenchEnv, 'dataDir' | 'databaseUrl'>, password: string): Promise<string> {
  const store = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  try {
    await seedDemo(store, { password });
    const { db, dialect } = store;
    const id = String((await db.selectFrom('communiques').select('id').executeTakeFirstOrThrow()).id);
    for (const username of ['cn-cochair', 'ru-cochair']) {
      const principal = await principalByName(db, username);
      if (!principal) throw new Error(`no demo account ${username}`);
      await approveCommunique({ db, dialect, principal }, id);
    }
    await publishDue(store);
    const c = await db.selectFrom('communiques').select(['status', 'mechanismId']).where('id', '=', id).executeTakeFirstOrThrow();
    if (c.status !== 'published') throw new Error(`the demo communiqué is ${c.status} after both approvals, not published`);
    for (let i = 1; i <= COMMENTS; i++) {
      const body = `Comment ${i}: a reader's view of the consultation, long enough to be a paragraph of a real comment.`;
      const fingerprint = createHash('sha256').update(body).digest('hex');
      await storeComment(db, dialect, { communiqueId: id, mechanismId: String(c.mechanismId), language: 'en', fingerprint, name: `Reader ${i}`, email: `reader${i}@example.org`, website: i % 2 ? `https://example.org/${i}` : null, body });
    }
    const pending = await db.selectFrom('comments').select('id').where('communiqueId', '=', id).execute();
    await moderateComments(db, (await principalByName(db, 'cn-secretariat'))!, pending.map((p) => p.id), 'approve');
    return id;
  } finally {
    await store.close();
  }
}

async function check(url: string, expect: string): Promise<void> {
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200 || !body.includes(expect)) throw new Error(`GET ${url} answered HTTP ${res.status} without "${expect}": ${body.slice(0, 300)}`);
}

async function run(env: BenchEnv, scope: Scope, opts: RunOptions): Promise<Outcome> {
  const figures: Figure[] = [];
  const invalid: string[] = [];
  const add = (key: string, value: number) => figures.push({ name: `${env.backend}.${key}`, value, unit: publicMetrics.find((m) => m.key === key)!.unit });

  progress(`${env.backend}: seeding the demo and publishing its communiqué…`);
  const id = await prepare(env, opts.password);
  const server = await startServer(env, opts.password, scope);
  const pageUrl = `${server.url}/en/communiques/${id}`;
  const feedUrl = `${server.url}/en/feed.atom`;
  await check(pageUrl, `Reader ${COMMENTS}`);
  await check(feedUrl, `urn:uuid:${id}`);

  const record = (prefix: string, load: Load) => recordLoad({ add, invalid }, env, prefix, load);
  const common = { cookie: '', serverPid: server.pid, database: env.databaseName, connections: opts.connections, warmup: opts.warmup, duration: opts.duration };
  record('page', await measure({ ...common, label: `${env.backend} (p) communiqué page`, url: pageUrl }));
  record('feed', await measure({ ...common, label: `${env.backend} (f) Atom feed`, url: feedUrl }));
  add('server.rss', memoryOf(server.pid).rss);
  return { figures, invalid };
}

export const publicSite: Benchmark = { name: 'public', metrics: publicMetrics, run };
