import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { openStore } from '../db/index.ts';
import { RESOURCES } from '../record/registry.ts';
import { readBundle, verifyBundle } from '../ledger/bundle.ts';
import { parseVerifierKey, type NoteVerifier } from '../ledger/note.ts';
import {
  VerifyProblem,
  VerifyRun,
  firstDifference,
  pinnedKey,
  recordForLog,
  verifyDatabase,
  type Progress,
  type RunOptions,
  type Seen,
  type SourceLog,
  type VerifyReport,
} from '../ledger/verify.ts';
import { logIdFor } from '../ledger/append.ts';

/**
 * `entente verify [--data DIR | --url URL --token TOKEN | BUNDLE] [--key KEY] [--state FILE | --no-state]`
 *
 * Exit 0 with a summary on stdout; 1 naming the first problem on stderr (`entente: verify
 * failed: …`), or for input that cannot be read; 2 for usage errors (main.ts).
 */

export interface VerifyCommandOptions {
  data?: string | undefined;
  url?: string | undefined;
  token?: string | undefined;
  bundle?: string | undefined;
  key?: string | undefined;
  state?: string | undefined;
  noState?: boolean | undefined;
}

// ---------------------------------------------------------------------------------------
// The remembered checkpoints.

const STATE_FORMAT = 'entente-seen-checkpoints';

export function readSeen(file: string): Map<string, Seen> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new Error(`cannot read the state file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const damaged = (why: string) => new Error(`the state file ${file} is damaged (${why}): remove it, or give another with --state`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  const d = data as { format?: unknown; version?: unknown; logs?: unknown };
  if (!d || d.format !== STATE_FORMAT || d.version !== 1 || !d.logs || typeof d.logs !== 'object') throw damaged(`not a ${STATE_FORMAT} file`);
  const out = new Map<string, Seen>();
  for (const [origin, v] of Object.entries(d.logs as Record<string, unknown>)) {
    const s = v as Partial<Seen>;
    if (!s || !Number.isSafeInteger(s.size) || typeof s.root !== 'string' || typeof s.seenAt !== 'string') throw damaged(`bad entry for ${origin}`);
    out.set(origin, { size: s.size!, root: s.root, seenAt: s.seenAt });
  }
  return out;
}

export function writeSeen(file: string, seen: ReadonlyMap<string, Seen>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const logs = Object.fromEntries([...seen].sort(([a], [b]) => (a < b ? -1 : 1)));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ format: STATE_FORMAT, version: 1, logs }, null, 1)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------------------------------
// Progress on stderr, for large runs on a terminal.

const PROGRESS_FROM = 50_000;

function progressBar(): { progress: Progress; start(total: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar({ format: 'Verifying [{bar}] {value}/{total} entries', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  let on = false;
  let done = 0;
  return {
    progress: {
      advance(n) {
        done += n;
        if (on) bar.update(done);
      },
      restart() {
        done = 0;
        if (on) bar.update(0);
      },
    },
    start(total) {
      if (process.stderr.isTTY && total >= PROGRESS_FROM) {
        bar.start(total, 0);
        on = true;
      }
    },
    stop() {
      if (on) bar.stop();
      on = false;
    },
  };
}

// ---------------------------------------------------------------------------------------

export async function verifyCommand(config: Config, opts: VerifyCommandOptions): Promise<number> {
  const started = performance.now();
  const stateFile = opts.noState ? undefined : path.resolve(opts.state ?? path.join(config.stateDir, 'seen-checkpoints.json'));
  const remembered = stateFile ? readSeen(stateFile) : new Map<string, Seen>();
  const bar = progressBar();
  const runOpts: RunOptions = { remembered, progress: bar.progress };
  let report: VerifyReport;
  try {
    if (opts.key !== undefined) runOpts.pinned = pinnedKey(opts.key);
    if (opts.bundle !== undefined) {
      const bundle = readBundle(opts.bundle);
      bar.start(bundle.logs.reduce((n, l) => n + l.size, 0));
      report = await verifyBundle(bundle, runOpts);
    } else if (opts.url !== undefined) {
      report = await verifyServer(opts.url, opts.token, runOpts, (total) => bar.start(total));
    } else {
      report = await verifyDataDir(config, opts.data, runOpts, (total) => bar.start(total));
    }
  } catch (err) {
    bar.stop();
    if (err instanceof VerifyProblem) {
      console.error(`entente: verify failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
  bar.stop();
  if (stateFile) {
    try {
      writeSeen(stateFile, report.seen);
    } catch (err) {
      throw new Error(`verify found no problem, but cannot save the checkpoints it saw to ${stateFile}: ${(err as Error).message} (give another file with --state, or --no-state)`, { cause: err });
    }
  }
  console.log(summary(report, (performance.now() - started) / 1000, stateFile));
  return 0;
}

async function verifyDataDir(config: Config, data: string | undefined, opts: RunOptions, onTotal: (n: number) => void): Promise<VerifyReport> {
  const dataDir = data !== undefined ? path.resolve(data) : config.dataDir;
  if (!config.databaseUrl && !fs.existsSync(path.join(dataDir, 'entente.db'))) {
    throw new Error(`there is no database in ${dataDir} (no entente.db): nothing to verify`);
  }
  // Only reads: no data-directory lock, so a running server is no obstacle.
  const store = await openStore({ dataDir, databaseUrl: config.databaseUrl, lock: false, migrate: false });
  try {
    const source = store.dialect === 'sqlite' ? `the SQLite database ${path.join(dataDir, 'entente.db')}` : `the PostgreSQL database ${redact(config.databaseUrl!)}`;
    return await verifyDatabase(store.db, store.dialect, { ...opts, dataDir, source, onTotal });
  } finally {
    await store.close();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'at DATABASE_URL';
  }
}

// ---------------------------------------------------------------------------------------
// A server, through its log API.

const API_PAGE = 1000;

class Api {
  constructor(
    private readonly base: URL,
    private readonly token: string | undefined,
  ) {}

  async get(pathname: string, as: 'json' | 'text' = 'json'): Promise<{ status: number; body: unknown }> {
    const url = new URL(pathname, this.base);
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: as === 'json' ? 'application/json' : 'text/plain', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) } });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    if (res.status === 401) throw new Error(`${url.origin} refused the request (401): ${this.token ? 'the API token is unknown, revoked or malformed' : 'give an API token with --token ent_…'}`);
    if (as === 'text' || res.status >= 400) return { status: res.status, body: text };
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      throw new Error(`${url.href} did not answer JSON: is ${this.base.origin} an Entente server?`);
    }
  }

  async ok(pathname: string, as: 'json' | 'text' = 'json'): Promise<unknown> {
    const { status, body } = await this.get(pathname, as);
    if (status !== 200) throw new Error(`GET ${pathname} answered ${status}: ${problemDetail(body)}`);
    return body;
  }
}

function problemDetail(body: unknown): string {
  if (typeof body === 'string') {
    try {
      const p = JSON.parse(body) as { detail?: string; title?: string };
      return p.detail ?? p.title ?? body.slice(0, 200);
    } catch {
      return body.slice(0, 200);
    }
  }
  return JSON.stringify(body).slice(0, 200);
}

interface LogsList {
  node: { name: string; verifierKey: string };
  items: Array<{ log: string; size: number; checkpointSize: number | null }>;
}

async function verifyServer(url: string, token: string | undefined, opts: RunOptions, onTotal: (n: number) => void): Promise<VerifyReport> {
  const base = new URL(url);
  const api = new Api(base, token);
  const list = (await api.ok('/api/v1/logs')) as LogsList;
  if (!list?.node || typeof list.node.verifierKey !== 'string' || !Array.isArray(list.items)) throw new Error(`${base.origin}/api/v1/logs is not an Entente log list`);
  const served = String(await api.ok('/.well-known/entente/node-key', 'text')).trim();
  if (served !== list.node.verifierKey) throw new VerifyProblem(`the server gives two keys: ${served} (/.well-known/entente/node-key) and ${list.node.verifierKey} (/api/v1/logs)`);

  const run = new VerifyRun('server', base.origin, opts, true);
  if (opts.pinned) run.setNode(opts.pinned.name, { verifier: opts.pinned, kind: 'pinned', source: 'pinned with --key' });
  else {
    let verifier: NoteVerifier;
    try {
      verifier = parseVerifierKey(served);
    } catch (err) {
      throw new VerifyProblem(`the server's verifier key is malformed: ${(err as Error).message}`);
    }
    run.setNode(list.node.name, { verifier, kind: 'server', source: 'the key the server itself serves (/.well-known/entente/node-key) — pin the node\'s key with --key to be sure' });
  }

  try {
    const logs: Array<{ name: string; logId: string; size: number; note: string | undefined }> = [];
    for (const item of list.items) {
      // The checkpoint first: the entries are then read up to at least its size.
      const note = item.checkpointSize === null ? undefined : String(await api.ok(`/api/v1/logs/${encodeURIComponent(item.log)}/checkpoint`, 'text'));
      const cpSize = note === undefined ? 0 : Number(/\n(\d+)\n/.exec(note)?.[1] ?? 0);
      logs.push({ name: item.log, logId: item.log.replace('.', '/'), size: Math.max(item.size, cpSize), note });
    }
    onTotal(logs.reduce((n, l) => n + l.size, 0));
    for (const l of logs) {
      const src: SourceLog = {
        logId: l.logId,
        size: l.size,
        checkpoints: l.note === undefined ? [] : [{ note: l.note }],
        async *pages() {
          for (let start = 0; start < l.size; start += API_PAGE) {
            const end = Math.min(l.size, start + API_PAGE);
            const page = (await api.ok(`/api/v1/logs/${encodeURIComponent(l.name)}/entries?start=${start}&end=${end}`)) as { entries?: unknown };
            if (!Array.isArray(page.entries) || page.entries.length !== end - start || !page.entries.every((e) => typeof e === 'string')) {
              throw new VerifyProblem(`log ${l.logId}: the server answered entries ${start}..${end - 1} with something else`);
            }
            yield { start, entries: page.entries as string[] };
          }
        },
      };
      await run.log(src);
    }
    run.report.records = await compareApiRecords(api, run, new Map(logs.map((l) => [l.logId, l.size])));
    run.noteUnsigned();
    return run.report;
  } finally {
    await run.close();
  }
}

/**
 * Every record live in a readable log, as the API returns it, against its last entry. A record
 * written after verify read its log (its logIndex beyond that size) is skipped and counted.
 */
async function compareApiRecords(api: Api, run: VerifyRun, sizes: ReadonlyMap<string, number>): Promise<VerifyReport['records']> {
  const live = [...run.replay.liveRecords()];
  let compared = 0;
  let moved = 0;
  const check = async (r: (typeof live)[number]) => {
    const def = RESOURCES.find((d) => d.kind === r.kind)!;
    const { status, body } = await api.get(`/api/v1/${def.path}/${encodeURIComponent(r.id)}`);
    const what = `${def.table} ${r.id}`;
    if (status === 404) throw new VerifyProblem(`${what}: log ${r.logId} entry ${r.idx} holds this ${r.kind}, but the server does not return it (404)`);
    if (status !== 200) throw new Error(`GET /api/v1/${def.path}/${r.id} answered ${status}: ${problemDetail(body)}`);
    const rec = body as Record<string, unknown>;
    const logId = logIdFor(def.scope === 'directory' ? undefined : def.scope === 'root' ? r.id : (rec.mechanismId as string), rec.marking as never, String(rec.ownerParty));
    if (logId !== r.logId || rec.logIndex !== r.idx) {
      if (typeof rec.logIndex === 'number' && rec.logIndex >= (sizes.get(logId) ?? 0)) {
        moved++;
        return;
      }
      throw new VerifyProblem(`${what}: the server has it at entry ${String(rec.logIndex)} of log ${logId}, but its last entry is entry ${r.idx} of log ${r.logId}`);
    }
    const actual = recordForLog(def, rec);
    if (def.scope === 'root') actual.mechanismId = r.id; // not in the API's response
    const diff = firstDifference(actual, JSON.parse(r.text!) as Record<string, unknown>);
    if (diff !== undefined) throw new VerifyProblem(`${what}: field ${diff} as the server returns it differs from log entry ${r.idx} of log ${r.logId}`);
    compared++;
  };
  for (let i = 0; i < live.length; i += 8) await Promise.all(live.slice(i, i + 8).map(check));
  return { compared, what: `records read through the API match their last log entries${moved ? ` (${moved} changed while verify ran: skipped)` : ''}` };
}

// ---------------------------------------------------------------------------------------

function summary(r: VerifyReport, seconds: number, stateFile: string | undefined): string {
  const lines: string[] = [];
  const pad = (label: string) => `  ${label.padEnd(13)}`;
  lines.push(`Verified ${r.source}: no problem found (${seconds.toFixed(seconds < 10 ? 2 : 0)} s).`);
  lines.push(`${pad('node')}${r.node ?? '(none recorded)'}`);
  lines.push(`${pad('key trusted')}${r.key ? `${r.key.verifier.verifierKey}\n${pad('')}from ${r.key.source}` : 'none (nothing is signed yet)'}`);
  const threads = r.storedChunks > 0 ? ` (${r.storedChunks} chunks read and hashed by worker threads)` : '';
  const nodes = r.mode === 'database' ? `; ${r.nodes} stored tree nodes and every frontier match${threads}` : '; trees recomputed from the entries';
  lines.push(`${pad('logs')}${r.logs.length} log${r.logs.length === 1 ? '' : 's'}, ${r.entries} entries${nodes}`);
  for (const l of r.logs.slice(0, 8)) {
    lines.push(`${pad('')}  ${l.logId}: ${l.size} entries, ${l.checkpoints} checkpoint${l.checkpoints === 1 ? '' : 's'}${l.newest ? `, newest at size ${l.newest.size}` : ''}`);
  }
  if (r.logs.length > 8) lines.push(`${pad('')}  … and ${r.logs.length - 8} more logs`);
  const proofs = r.consistencyProofs ? `, ${r.consistencyProofs} consistency proofs` : '';
  lines.push(`${pad('checkpoints')}${r.checkpoints} checked: signatures, roots against the entries${proofs}`);
  lines.push(`${pad('records')}${r.records ? `${r.records.compared} ${r.records.what}` : 'not compared'}`);
  if (r.cosigns.length === 0) lines.push(`${pad('co-signed')}no co-signature entries`);
  for (const c of r.cosigns.slice(0, 6)) {
    const sig = c.signature === 'valid' ? 'signature valid' : c.signature === 'unsigned' ? 'no signature in the entry' : `INVALID: ${c.reason}`;
    const root = c.rootCheck && c.rootCheck !== 'not checked' ? `; root ${c.rootCheck === 'matches' ? 'matches' : 'DIFFERS from'} log ${c.logId} at size ${c.logSize}` : '';
    lines.push(`${pad('co-signed')}mechanism ${c.mechanismId} round ${c.round} by ${c.signer} (log ${c.logId} entry ${c.index}): ${sig}${root}`);
  }
  if (r.cosigns.length > 6) lines.push(`${pad('')}… and ${r.cosigns.length - 6} more co-signatures`);
  lines.push(
    `${pad('remembered')}${stateFile ? `${r.rememberedChecked} log${r.rememberedChecked === 1 ? '' : 's'} checked against earlier runs (no rollback); newest checkpoints saved to ${stateFile}` : 'not used (--no-state)'}`,
  );
  for (const n of r.notes) lines.push(`${pad('note')}${n}`);
  return lines.join('\n');
}
