import fs from 'node:fs';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Store } from '../db/index.ts';
import { canReadLog } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { originOf } from './checkpoints.ts';
import { parseVerifierKey } from './note.ts';
import { ENTRY_PAGE, Replay, VerifyProblem, VerifyRun, firstDifference, trustedNodeKey, type RunOptions, type SourceLog, type VerifyReport } from './verify.ts';

/**
 * Offline bundles: `entente export --bundle FILE --as USER` writes, `entente verify FILE`
 * checks with no database and no network.
 *
 * Format: one JSON file (UTF-8), written compactly with one entry or record per line:
 *
 *   {
 *     "format": "entente-log-bundle",
 *     "version": 1,
 *     "createdAt": "<ISO 8601 time of the export>",
 *     "exportedBy": "<username whose readable logs these are>",
 *     "node": {
 *       "name": "<node name: the key name of its signatures and the prefix of its origins>",
 *       "verifierKey": "<the node's C2SP verifier key: name+hexid+base64(0x01 ‖ Ed25519 key)>"
 *     },
 *     "logs": [                       every log the user may read (policy canReadLog), by id
 *       {
 *         "log": "<log id: <mechanism id> | <mechanism id>/<party> | directory | directory/<party>>",
 *         "origin": "<node name>/<log id>",   the origin line of its checkpoints
 *         "size": N,                          the number of entries below
 *         "checkpoints": ["<signed note>", …], every checkpoint of size ≤ N, ascending: C2SP
 *                                              tlog-checkpoint bodies in C2SP signed-note form
 *         "entries": ["<entry>", …],          entries 0..N-1, each the canonical JSON text
 *                                              (RFC 8785) exactly as hashed: leaf hash =
 *                                              SHA-256(0x00 ‖ UTF-8 text). Co-signatures are
 *                                              entries (op "cosign").
 *         "records": [                        the records live in this log at size N, by id:
 *           { "kind": "<kind>", "id": "<id>", "index": i, "record": { … } }
 *         ]                                   "record" is entry i's record (its last state)
 *       }, …
 *     ],
 *     "digest": "sha256:<hex>"        SHA-256 of the file's bytes before `,"digest":` — it
 *                                     catches damage (a changed byte, a cut file); authenticity
 *                                     comes from the checkpoints' signatures, which cover the
 *                                     entries up to each checkpoint's size.
 *   }
 *
 * Nothing else is in the file: no stored tree (the verifier recomputes it), no rows. A bundle
 * is read whole into memory (hundreds of MB for millions of entries).
 */

export const BUNDLE_FORMAT = 'entente-log-bundle';
const DIGEST_KEY = ',"digest":"';

export interface BundleStats {
  logs: number;
  entries: number;
  checkpoints: number;
  records: number;
}

/** Buffered writes to a file descriptor, hashing every byte. */
class HashingWriter {
  private parts: string[] = [];
  private length = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly fd: number) {}

  write(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.length >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const bytes = Buffer.from(this.parts.join(''), 'utf8');
    this.hash.update(bytes);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(this.fd, bytes, off);
    this.parts = [];
    this.length = 0;
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }
}

/**
 * Writes the bundle of the logs `principal` may read, from one snapshot of the database, to
 * `file` (through a temporary file renamed at the end: never half a bundle).
 */
export async function writeBundle(store: Store, dataDir: string, principal: Principal, exportedBy: string, file: string): Promise<BundleStats> {
  let tx = store.db.transaction();
  if (store.dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
  const tmp = `${file}.${process.pid}.tmp`;
  const stats: BundleStats = { logs: 0, entries: 0, checkpoints: 0, records: 0 };
  let fd: number | undefined;
  try {
    await tx.execute(async (t) => {
      const { name, key } = await trustedNodeKey(t, dataDir);
      if (!key || name === undefined) throw new VerifyProblem('this node has no signing key yet, so nothing is signed: start the server once (it makes the key and signs checkpoints)');
      fd = fs.openSync(tmp, 'w', 0o600);
      const out = new HashingWriter(fd);
      out.write(`{"format":"${BUNDLE_FORMAT}","version":1,"createdAt":${JSON.stringify(new Date().toISOString())},"exportedBy":${JSON.stringify(exportedBy)},`);
      out.write(`"node":${JSON.stringify({ name, verifierKey: key.verifier.verifierKey })},"logs":[`);
      const logs = (await t.selectFrom('logs').select(['id', 'size']).orderBy('id').execute()).filter((l) => canReadLog(principal, l.id));
      for (const [n, log] of logs.entries()) {
        const size = Number(log.size);
        const notes = await t.selectFrom('checkpoints').select('note').where('logId', '=', log.id).where('size', '<=', size).orderBy('size').execute();
        out.write(`${n ? ',' : ''}\n{"log":${JSON.stringify(log.id)},"origin":${JSON.stringify(originOf(name, log.id))},"size":${size},"checkpoints":${JSON.stringify(notes.map((c) => c.note))},"entries":[`);
        const replay = new Replay(true);
        const logNo = replay.addLog(log.id);
        for (let from = 0; from < size; from += ENTRY_PAGE) {
          const rows = await t.selectFrom('logEntries').select(['idx', 'entry']).where('logId', '=', log.id).where('idx', '>=', from).where('idx', '<', Math.min(size, from + ENTRY_PAGE)).orderBy('idx').execute();
          rows.forEach((row, i) => {
            if (Number(row.idx) !== from + i) throw new VerifyProblem(`log ${log.id}: entry ${from + i} is missing; run entente verify`);
            out.write(`${from + i ? ',' : ''}\n${JSON.stringify(row.entry)}`);
            replay.observe(logNo, from + i, row.entry);
          });
          if (rows.length !== Math.min(size, from + ENTRY_PAGE) - from) throw new VerifyProblem(`log ${log.id}: entries are missing below its size ${size}; run entente verify`);
        }
        out.write('],"records":[');
        const live = [...replay.liveRecords(log.id)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        live.forEach((r, i) => out.write(`${i ? ',' : ''}\n{"kind":${JSON.stringify(r.kind)},"id":${JSON.stringify(r.id)},"index":${r.idx},"record":${r.text}}`));
        out.write(']}');
        stats.logs++;
        stats.entries += size;
        stats.checkpoints += notes.length;
        stats.records += live.length;
      }
      out.write('\n]');
      const digest = out.digest();
      fs.writeSync(fd, `${DIGEST_KEY}sha256:${digest}"}\n`);
      fs.fsyncSync(fd);
    });
    fs.closeSync(fd!);
    fd = undefined;
    fs.renameSync(tmp, file);
    return stats;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Reading.

export interface BundleRecord {
  kind: string;
  id: string;
  index: number;
  record: Record<string, unknown>;
}

export interface BundleLog {
  log: string;
  origin: string;
  size: number;
  checkpoints: string[];
  entries: string[];
  records: BundleRecord[];
}

export interface Bundle {
  file: string;
  createdAt: string;
  exportedBy: string;
  node: { name: string; verifierKey: string };
  logs: BundleLog[];
  /** Whether the digest matches the bytes before it. */
  digestOk: boolean;
}

function bad(file: string, why: string): never {
  throw new VerifyProblem(`${file} is not a valid Entente bundle: ${why}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Reads and checks the structure of a bundle; every problem is a plain `VerifyProblem`. */
export function readBundle(file: string): Bundle {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new VerifyProblem(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    bad(file, 'it is not UTF-8 text (damaged?)');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    bad(file, bytes.length === 0 ? 'the file is empty' : 'it is not JSON (truncated or damaged?)');
  }
  if (!isObject(data) || data.format !== BUNDLE_FORMAT) bad(file, `it is not a log bundle (no "format": "${BUNDLE_FORMAT}")`);
  if (data.version !== 1) bad(file, `version ${JSON.stringify(data.version)} is not supported (this verifier reads version 1)`);
  const node = data.node;
  if (!isObject(node) || typeof node.name !== 'string' || typeof node.verifierKey !== 'string') bad(file, 'node must hold name and verifierKey');
  if (typeof data.createdAt !== 'string' || typeof data.exportedBy !== 'string') bad(file, 'createdAt and exportedBy must be strings');
  if (!Array.isArray(data.logs)) bad(file, 'logs must be a list');
  if (typeof data.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(data.digest)) bad(file, 'digest must be "sha256:<64 hex digits>"');
  const logs: BundleLog[] = data.logs.map((l: unknown, i: number) => {
    const where = `logs[${i}]`;
    if (!isObject(l) || typeof l.log !== 'string' || typeof l.origin !== 'string' || !isCount(l.size)) bad(file, `${where} must hold log, origin and size`);
    if (!Array.isArray(l.checkpoints) || !l.checkpoints.every((c) => typeof c === 'string')) bad(file, `${where}.checkpoints must be a list of signed notes`);
    if (!Array.isArray(l.entries) || !l.entries.every((e) => typeof e === 'string')) bad(file, `${where}.entries must be a list of strings`);
    if (l.entries.length !== l.size) bad(file, `${where} (log ${l.log}) has ${l.entries.length} entries but says size ${l.size}`);
    if (!Array.isArray(l.records)) bad(file, `${where}.records must be a list`);
    l.records.forEach((r: unknown, j: number) => {
      if (!isObject(r) || typeof r.kind !== 'string' || typeof r.id !== 'string' || !isCount(r.index) || !isObject(r.record)) bad(file, `${where}.records[${j}] must hold kind, id, index and record`);
    });
    return l as unknown as BundleLog;
  });
  const at = bytes.lastIndexOf(DIGEST_KEY);
  const digestOk = at > 0 && createHash('sha256').update(bytes.subarray(0, at)).digest('hex') === data.digest.slice('sha256:'.length);
  return { file, createdAt: data.createdAt, exportedBy: data.exportedBy, node: { name: node.name, verifierKey: node.verifierKey }, logs, digestOk };
}

/** Co-signature log sizes named in a log's entries (their roots are taken on the way). */
function cosignSizes(entries: readonly string[]): number[] {
  const out: number[] = [];
  for (const e of entries) {
    if (!e.includes('"op":"cosign"')) continue;
    try {
      const size = (JSON.parse(e) as { record?: { logSize?: unknown } }).record?.logSize;
      if (isCount(size)) out.push(size);
    } catch {
      // the replay names a broken entry
    }
  }
  return out;
}

function bundleLog(l: BundleLog): SourceLog {
  return {
    logId: l.log,
    size: l.size,
    checkpoints: l.checkpoints.map((note) => ({ note })),
    rootSizes: cosignSizes(l.entries),
    async *pages() {
      for (let start = 0; start < l.entries.length; start += ENTRY_PAGE) yield { start, entries: l.entries.slice(start, start + ENTRY_PAGE) };
    },
  };
}

/** Verifies a bundle read by `readBundle`: trees, checkpoints, remembered checkpoints, records, digest. */
export async function verifyBundle(bundle: Bundle, opts: RunOptions): Promise<VerifyReport> {
  const run = new VerifyRun('bundle', `the bundle ${bundle.file} (exported ${bundle.createdAt} for ${bundle.exportedBy})`, opts, true);
  if (opts.pinned) run.setNode(opts.pinned.name, { verifier: opts.pinned, kind: 'pinned', source: 'pinned with --key' });
  else {
    let verifier;
    try {
      verifier = parseVerifierKey(bundle.node.verifierKey);
    } catch (err) {
      bad(bundle.file, `node.verifierKey: ${(err as Error).message}`);
    }
    if (verifier.name !== bundle.node.name) bad(bundle.file, `node.verifierKey is named ${verifier.name}, not ${bundle.node.name}`);
    run.setNode(bundle.node.name, { verifier, kind: 'bundle', source: "the bundle's own key — it came with the data, so it proves only that the bundle is consistent: pin the node's key with --key" });
  }
  try {
    const seenLogs = new Set<string>();
    let compared = 0;
    for (const l of bundle.logs) {
      if (seenLogs.has(l.log)) bad(bundle.file, `log ${l.log} appears twice`);
      seenLogs.add(l.log);
      if (l.origin !== originOf(bundle.node.name, l.log)) bad(bundle.file, `log ${l.log} has origin ${l.origin}, not ${originOf(bundle.node.name, l.log)}`);
      await run.log(bundleLog(l));
      compared += compareBundleRecords(run, l);
    }
    run.report.records = { compared, what: "records of the bundle match their logs' last entries" };
    if (!bundle.digestOk) throw new VerifyProblem(`${bundle.file} was changed or damaged after export: its digest does not match its content`);
    run.noteUnsigned();
    return run.report;
  } finally {
    await run.close();
  }
}

function compareBundleRecords(run: VerifyRun, l: BundleLog): number {
  const live = new Map([...run.replay.liveRecords(l.log)].map((r) => [r.id, r]));
  const listed = new Set<string>();
  for (const r of l.records) {
    const what = `log ${l.log}: the bundle's ${r.kind} ${r.id}`;
    if (listed.has(r.id)) throw new VerifyProblem(`${what} is listed twice`);
    listed.add(r.id);
    const have = live.get(r.id);
    if (!have) throw new VerifyProblem(`${what} is not live in the log's entries`);
    if (have.kind !== r.kind) throw new VerifyProblem(`${what}: the log has this record as a ${have.kind}`);
    if (have.idx !== r.index) throw new VerifyProblem(`${what} is said to be entry ${r.index}, but its last entry is entry ${have.idx}`);
    if (canonicalize(r.record) !== have.text) {
      const diff = firstDifference(r.record, JSON.parse(have.text!) as Record<string, unknown>);
      throw new VerifyProblem(`${what}: field ${diff ?? '(order)'} differs from log entry ${have.idx}`);
    }
  }
  for (const r of live.values()) if (!listed.has(r.id)) throw new VerifyProblem(`log ${l.log}: ${r.kind} ${r.id} is live in the log (entry ${r.idx}) but missing from the bundle's records`);
  return l.records.length;
}
