import type { z } from 'zod';
import type { Db, Dialect, Tx } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import { runTemplate, slot, template } from '../db/templates.ts';
import { isUniqueViolation, jsonArrayContains } from '../db/dialect.ts';
import { canChangeMarking, canWrite, type WriteContext } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { appendLogEntries, appendLogEntry, lockLogs, logIdFor, type LogEntry } from '../ledger/append.ts';
import { insertRows } from '../db/insert-rows.ts';
import { badTextAt, canonicalLanguage, MARKINGS, OPENNESS, UI_LANGUAGES, type Marking } from './common/fields.ts';
import { ID_PATTERN, newId } from './common/id.ts';
import { fieldEntries, fromRow, schemasOf, toRow, type RecordData, type ResourceDef, type RuleContext } from './common/resource.ts';
import { findVisible, findVisibleBy } from './store.ts';
import { findConcluded, refuseOutcomeChange } from '../outcome/outcome.ts';
import { RESOURCES, resource } from './registry.ts';
import { conflict, forbidden, invalid, notFound, Problem, type FieldError } from '../http/problem.ts';

/**
 * The one write path (DESIGN §5): validate → resolve the mechanism → policy → domain rules →
 * in one transaction { change the row; append the log entry } → the record with its logIndex.
 * The API and the seed write through these three functions; the CLI import creates through
 * BulkCreate, which runs createRecord's own checks and writes in chunks.
 */

export interface Writer {
  db: Db;
  dialect: Dialect;
  principal: Principal;
  now?: () => Date;
  /** Set only by the co-signing of an outcome: the write that marks a round concluded. */
  concluding?: boolean;
  /**
   * Set only by a communiqué's workflow (src/record/communiques/workflow.ts), which has asked
   * the policy for its step (canCommuniqueStep): approval, scheduling, publication.
   */
  workflow?: 'communique';
}

type Input = Record<string, unknown>;

export interface CreateOptions {
  /** Keep a given id (imports keep the identities of exported records). */
  id?: string;
}

export async function createRecord(w: Writer, def: ResourceDef, input: unknown, tx?: Tx, opts: CreateOptions = {}): Promise<RecordData> {
  const data = parse(schemasOf(def).create, input);
  return within(w, tx, async (t) => {
    const checked = await checkCreate(w, def, data, t, opts, { taken: exists });
    checked.record.logIndex = await appendLogEntry(t, checked.logId, checked.entry);
    const row = toRow(def, checked.record);
    await insert(t, def, row);
    return fromRow(def, row);
  });
}

/** A create that passed every check: the record (without its logIndex yet) and its log entry. */
interface CheckedCreate {
  def: ResourceDef;
  record: RecordData;
  logId: string;
  entry: LogEntry;
}

/**
 * What a create's checks ask besides the database: whether an id is taken, and, in a bulk
 * create, about the records it accepted but has not written yet, and the concluded rounds it
 * remembers. createRecord asks the database each time, and holds nothing back.
 */
interface CreateView {
  /** Whether a record of `def` with this id exists already, written or not (at once where it knows). */
  taken(t: Tx, def: ResourceDef, id: string): boolean | Promise<boolean>;
  /** Whether a record of `kind` (with this id) waits to be written. */
  holds?(kind: string, id?: string): boolean;
  /** Writes every waiting record, so that the database shows them to a query. */
  write?(): Promise<void>;
  /** The outcome guard's question: which of these rounds are concluded. */
  concludedAmong?(t: Tx, ids: string[]): Promise<Array<{ number: unknown }>>;
}

/** Every check of a create, in createRecord's order: id, mechanism, policy, domain rules, outcome guard. */
async function checkCreate(w: Writer, def: ResourceDef, data: Input, t: Tx, opts: CreateOptions, view: CreateView): Promise<CheckedCreate> {
  const at = stamp(w);
  const ownerParty = w.principal.kind === 'user' ? w.principal.party : '';
  if (opts.id !== undefined && !ID_PATTERN.test(opts.id)) throw invalid('id', 'must be a record id (UUIDv7)');
  const id = opts.id ?? newId();
  const taken = opts.id ? view.taken(t, def, id) : false;
  if (taken === true || (taken !== false && (await taken))) throw conflict(`a ${def.label} with id ${id} exists already`, 'id');
  const rec: Input = {
    id,
    ownerParty,
    marking: data.marking ?? def.defaultMarking,
    createdAt: at,
    updatedAt: at,
  };
  if (def.scope === 'mechanism') rec.mechanismId = data.mechanismId;
  if (def.scope === 'root') rec.mechanismId = id;
  for (const [name, spec] of fieldEntries(def)) {
    rec[name] = data[name] ?? (spec.presence === 'default' ? fresh(spec.defaultValue) : null);
  }
  const next = rec as RecordData;
  const ctx = await ruleContext(w, t, def, next, view);
  deny(canWrite(w.principal, 'create', subject(def, next), await writeContext(ctx, def, next)));
  await check(ctx, def, next);
  const concludedAmong = view.concludedAmong;
  await refuseOutcomeChange(t, w.dialect, def, next, undefined, false, concludedAmong && ((ids) => concludedAmong(t, ids)));
  return { def, record: next, logId: logIdFor(next.mechanismId, next.marking, ownerParty), entry: entry(w, 'create', def, next, at) };
}

/** A default value the record may own: objects copied (a rule may change them), the rest as is. */
function fresh(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

async function exists(t: Tx, def: ResourceDef, id: string): Promise<boolean> {
  return (await t.selectFrom(def.table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Accepted records that wait before they are written: a few statements of a thousand rows each. */
const CHUNK_SIZE = 1024;

/**
 * Creates in bulk, inside one transaction (an import): each create is checked exactly as
 * createRecord checks it (checkCreate), seeing every record accepted before it, and the
 * accepted ones are written a chunk at a time: their log entries with appendLogEntries, their
 * rows with multi-row INSERTs. The result is what createRecord calls one after the other
 * write: the same decisions, log entries, indices, tree nodes and rows.
 *
 * How the checks see the records that wait: an id is taken once accepted (and `lookUp` finds
 * the ids a run of creates will ask about in a few queries); a change of kind writes the
 * waiting records first, so only records of the kind being checked ever wait; a lookup of a
 * waiting record (ctx.get), or of parties while parties wait, writes them first; and a domain
 * rule that queries the database itself (ctx.tx, e.g. "round number unique") while records
 * wait is stopped, the waiting records are written, and the create is checked again. The
 * outcome guard reads rounds only (nothing for a round itself), which never wait while
 * another kind is checked; its answers are remembered until a round is created.
 */
export class BulkCreate {
  #waiting: CheckedCreate[] = [];
  /** kind/id of the waiting records. */
  #waitingIds = new Set<string>();
  /** kind/id → whether a record with this id exists (written, waiting, or found by lookUp). */
  #taken = new Map<string, boolean>();
  /** The outcome guard's answers (which rounds are concluded), kept while no round is created. */
  #concluded = new Map<string, Array<{ number: unknown }>>();

  constructor(private readonly tx: Tx) {}

  /** Finds in one query which of these ids of `def` exist, for the creates that follow. */
  async lookUp(def: ResourceDef, ids: readonly string[]): Promise<void> {
    const wanted = ids.filter((id) => !this.#taken.has(`${def.kind}/${id}`));
    for (const id of wanted) this.#taken.set(`${def.kind}/${id}`, false);
    for (let i = 0; i < wanted.length; i += CHUNK_SIZE) {
      const rows = await this.tx.selectFrom(def.table).select('id').where('id', 'in', wanted.slice(i, i + CHUNK_SIZE)).execute();
      for (const row of rows) this.#taken.set(`${def.kind}/${String(row.id)}`, true);
    }
  }

  /** Checks a create as createRecord would, and queues it; a Problem when it is refused. */
  async create(w: Writer, def: ResourceDef, input: unknown, opts: CreateOptions = {}): Promise<void> {
    // Rows of one kind at a time: the checks of another kind see all of this one.
    if (this.#waiting.length > 0 && this.#waiting[0]!.def !== def) await this.write();
    let checked: CheckedCreate;
    try {
      checked = await this.#check(w, def, input, opts);
    } catch (err) {
      if (err !== WAITING) throw err;
      await this.write();
      checked = await this.#check(w, def, input, opts);
    }
    if (def.kind === 'round') this.#concluded.clear();
    this.#waiting.push(checked);
    this.#waitingIds.add(`${def.kind}/${checked.record.id}`);
    this.#taken.set(`${def.kind}/${checked.record.id}`, true);
    if (this.#waiting.length >= CHUNK_SIZE) await this.write();
  }

  #check(w: Writer, def: ResourceDef, input: unknown, opts: CreateOptions): Promise<CheckedCreate> {
    return checkCreate(w, def, parse(schemasOf(def).create, input), this.tx, opts, this.#view);
  }

  readonly #view: CreateView = {
    taken: (t, def, id) => this.#taken.get(`${def.kind}/${id}`) ?? exists(t, def, id),
    holds: (kind, id) => (id === undefined ? this.#waiting[0]?.def.kind === kind : this.#waitingIds.has(`${kind}/${id}`)),
    write: () => this.write(),
    concludedAmong: async (t, ids) => {
      const key = ids.join();
      const known = this.#concluded.get(key);
      if (known) return known;
      const found = await findConcluded(t, ids);
      this.#concluded.set(key, found);
      return found;
    },
  };

  /** Writes the waiting records: per log, their entries in order; then their rows. */
  async write(): Promise<void> {
    const waiting = this.#waiting;
    if (waiting.length === 0) return;
    this.#waiting = [];
    this.#waitingIds.clear();
    try {
      const byLog = new Map<string, CheckedCreate[]>();
      for (const c of waiting) {
        const list = byLog.get(c.logId);
        if (list) list.push(c);
        else byLog.set(c.logId, [c]);
      }
      for (const [logId, list] of byLog) {
        const first = await appendLogEntries(this.tx, logId, list.map((c) => c.entry));
        list.forEach((c, i) => (c.record.logIndex = first + i));
      }
      const rows = waiting.map((c) => toRow(c.def, c.record));
      const columns = Object.keys(rows[0]!);
      const values: unknown[] = [];
      for (const row of rows) for (const c of columns) values.push(row[c]);
      await insertRows(this.tx, waiting[0]!.def.table, columns, values);
    } catch (err) {
      // Every record was checked: what fails now (a concurrent writer took a unique value) is
      // no one record's fault, and must not be reported as one's rejection.
      throw new Error(`the accepted records could not be written: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}

/** Thrown to a domain rule that queries the database while accepted records wait unwritten. */
const WAITING = new Error('accepted records wait to be written');

export async function updateRecord(w: Writer, def: ResourceDef, id: string, input: unknown, tx?: Tx): Promise<RecordData> {
  const changes = parse(schemasOf(def).update, input);
  return within(w, tx, async (t) => {
    const prev = await findVisible(t, w.principal, def, id);
    if (!prev) throw notFound(`${def.label} ${id}`);
    const at = stamp(w);
    const next = { ...stored(def, prev), ...changes, updatedAt: at } as RecordData;
    for (const field of def.immutable ?? []) {
      if (field in changes && JSON.stringify(changes[field]) !== JSON.stringify(prev[field])) {
        throw invalid(field, 'cannot be changed after creation');
      }
    }
    const changed = Object.keys(changes).filter((k) => JSON.stringify(changes[k]) !== JSON.stringify(prev[k]));
    const ctx = await ruleContext(w, t, def, next);
    // The policy judges the fields asked for (a delegate may send a status, and only that).
    const wctx = await writeContext(ctx, def, next, Object.keys(changes));
    // A conclusion is authorised by the co-signing itself (src/outcome/conclude.ts: a co-chair of
    // each party signed); it changes the round's status alone, whichever party owns the round.
    const conclusion = w.concluding === true && def.kind === 'round' && Object.keys(changes).join() === 'status' && changes.status === 'concluded';
    // A workflow step of a communiqué was authorised by the policy for that step.
    const step = w.workflow === 'communique' && def.kind === 'communique';
    if (!conclusion && !step) deny(canWrite(w.principal, 'update', subject(def, prev), wctx));
    const markingChanged = next.marking !== prev.marking;
    if (markingChanged && !step) deny(canChangeMarking(w.principal, subject(def, prev)));
    // Nothing to change: nothing is written, and nothing enters the log.
    if (changed.length === 0) return prev;
    await check(ctx, def, next, prev);
    await refuseOutcomeChange(t, w.dialect, def, next, prev, w.concluding);

    const fromLog = logIdFor(prev.mechanismId, prev.marking, prev.ownerParty);
    const toLog = logIdFor(next.mechanismId, next.marking, next.ownerParty);
    if (fromLog !== toLog) {
      await lockLogs(t, w.dialect, [fromLog, toLog]);
      // Leaving a log: the old log records only that the record left it, never its new content.
      await appendLogEntry(t, fromLog, { ...entry(w, 'withdraw', def, next, at), record: { marking: next.marking } });
    }
    next.logIndex = await appendLogEntry(t, toLog, entry(w, markingChanged ? 'marking' : 'update', def, next, at));
    const row = toRow(def, next);
    delete row.id;
    await runTemplate(t, rowTemplate(t, 'update', def, Object.keys(row)), { ...row, id });
    forgetLookups(t, def.kind, id);
    return fromRow(def, toRow(def, next));
  });
}

export async function deleteRecord(w: Writer, def: ResourceDef, id: string, tx?: Tx): Promise<{ id: string; logIndex: number }> {
  return within(w, tx, async (t) => {
    const prev = await findVisible(t, w.principal, def, id);
    if (!prev) throw notFound(`${def.label} ${id}`);
    const ctx = await ruleContext(w, t, def, prev);
    if (!def.deletable) throw new Problem(405, `a ${def.label} is not deleted`);
    deny(canWrite(w.principal, 'delete', subject(def, prev), await writeContext(ctx, def, prev)));
    const refusal = def.refuseDelete?.(prev);
    if (refusal) throw conflict(refusal);
    await refuseIfReferenced(w, t, def, id);
    await refuseOutcomeChange(t, w.dialect, def, undefined, prev);
    const at = stamp(w);
    const logIndex = await appendLogEntry(t, logIdFor(prev.mechanismId, prev.marking, prev.ownerParty), entry(w, 'delete', def, { ...stored(def, prev) }, at));
    await runTemplate(t, rowTemplate(t, 'delete', def, []), { id });
    forgetLookups(t, def.kind, id);
    return { id, logIndex };
  });
}

// ——— steps ———

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const bad = badTextAt(input);
  if (bad) throw new Problem(422, `${bad.field}: ${bad.message}`, [bad]);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  throw new Problem(422, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** Runs `work` in the caller's transaction, or in one of its own; a unique clash is a 409. */
export async function within<T>(w: Writer, tx: Tx | undefined, work: (t: Tx) => Promise<T>): Promise<T> {
  try {
    return tx ? await work(tx) : await inTransaction(w.db, work);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('a record with the same unique value exists already');
    throw err;
  }
}

let stampMs = -1;
let stampText = '';

/** The time of a write; the text of the current millisecond is made once (a bulk import stamps thousands in it). */
function stamp(w: Writer): string {
  if (w.now) return w.now().toISOString();
  const ms = Date.now();
  if (ms !== stampMs) {
    stampMs = ms;
    stampText = new Date(ms).toISOString();
  }
  return stampText;
}

function deny(reason: string | undefined): void {
  if (reason) throw forbidden(reason);
}

function subject(def: ResourceDef, r: RecordData) {
  return { kind: def.kind, scope: def.scope, mechanismId: r.mechanismId, ownerParty: r.ownerParty, marking: r.marking };
}

/** The record as stored (without derived values), the form log entries carry. */
function stored(def: ResourceDef, rec: RecordData): RecordData {
  const out = { ...rec };
  for (const key of Object.keys(def.derived?.shape ?? {})) delete out[key];
  return out;
}

function entry(w: Writer, op: LogEntry['op'], def: ResourceDef, rec: RecordData, at: string): LogEntry {
  // One copy: the record as stored, without its log index (which the entry's place gives).
  const record: Record<string, unknown> = stored(def, rec);
  delete record.logIndex;
  return {
    v: 1,
    at,
    actor: w.principal.kind === 'user' ? w.principal.username : w.principal.kind === 'system' ? 'node' : 'anonymous',
    party: w.principal.kind === 'user' ? w.principal.party : '',
    op,
    kind: def.kind,
    id: rec.id,
    record,
  };
}

/** The insert, update or delete of a row of `def` with these columns, as a reusable template. */
function rowTemplate(t: Tx, op: 'insert' | 'update' | 'delete', def: ResourceDef, columns: string[]) {
  return template(t, `${op}|${def.table}|${columns.join(',')}`, () => {
    const values = Object.fromEntries(columns.map((c) => [c, slot(c)]));
    if (op === 'insert') return t.insertInto(def.table).values(values);
    if (op === 'update') return t.updateTable(def.table).set(values).where('id', '=', slot('id'));
    return t.deleteFrom(def.table).where('id', '=', slot('id'));
  });
}

async function insert(t: Tx, def: ResourceDef, row: Record<string, unknown>): Promise<void> {
  await runTemplate(t, rowTemplate(t, 'insert', def, Object.keys(row)), row);
}

/** A rule context's lookups, which depend only on the writer, the transaction and the view. */
type Lookups = Pick<RuleContext, 'get' | 'party'>;

/** A bulk create's lookups, made once per writer object (not twice a record): a bulk create keeps its writers for its whole run. */
const bulkLookups = new WeakMap<CreateView, Map<Writer, Lookups>>();

function lookupsFor(w: Writer, t: Tx, view?: CreateView): Lookups {
  if (!view?.holds) return makeLookups(w, t, view);
  let byWriter = bulkLookups.get(view);
  if (!byWriter) bulkLookups.set(view, (byWriter = new Map()));
  let found = byWriter.get(w);
  if (!found) byWriter.set(w, (found = makeLookups(w, t, view)));
  return found;
}

function makeLookups(w: Writer, t: Tx, view?: CreateView): Lookups {
  // A write asks for the same record more than once (a reference, then as the parent), and a
  // bulk import asks for the same mechanism and round for every record: found records are
  // remembered for the transaction, per principal; every write in it forgets what it changes.
  const seen = lookups(t);
  // The system (seed, node) sees what the anonymous public does not: never one answer for both.
  const who = w.principal.kind === 'user' ? w.principal.userId : w.principal.kind;
  return {
    get: async (kind: string, id: string) => {
      const known = seen.get(id);
      if (known) for (const s of known) if (s.who === who && s.kind === kind) return s.rec;
      if (view?.holds?.(kind, id)) await view.write?.();
      const found = await findVisible(t, w.principal, resource(kind), id);
      if (found) {
        const list = seen.get(id);
        if (list) list.push({ who, kind, rec: found });
        else seen.set(id, [{ who, kind, rec: found }]);
      }
      return found;
    },
    party: async (code: string) => {
      if (view?.holds?.('party')) await view.write?.();
      return (await findVisibleBy(t, w.principal, resource('party'), 'code', [code]))[0];
    },
  };
}

async function ruleContext(w: Writer, t: Tx, def: ResourceDef, rec: RecordData, view?: CreateView): Promise<RuleContext> {
  const { get, party } = lookupsFor(w, t, view);
  const holds = view?.holds;
  const ctx: RuleContext = holds
    ? {
        // A rule's own query would not see the records that wait: stop it (see BulkCreate).
        get tx() {
          if (holds(def.kind)) throw WAITING;
          return t;
        },
        dialect: w.dialect,
        principal: w.principal,
        get,
        party,
        workflow: w.workflow,
      }
    : { tx: t, dialect: w.dialect, principal: w.principal, get, party, workflow: w.workflow };
  if (def.scope === 'mechanism') {
    const mechanism = await get('mechanism', String(rec.mechanismId));
    if (!mechanism) throw invalid('mechanismId', 'no such mechanism, or it is not visible to you');
    ctx.mechanism = mechanism;
  }
  return ctx;
}

/** A record found in a transaction: by whom (a user id, or 'system' or 'anonymous'), of which kind. */
interface Seen {
  who: string;
  kind: string;
  rec: RecordData;
}

/** Per transaction, the records found, by id (no key string made per lookup). */
const lookupsByTx = new WeakMap<Tx, Map<string, Seen[]>>();

function lookups(t: Tx): Map<string, Seen[]> {
  let m = lookupsByTx.get(t);
  if (!m) lookupsByTx.set(t, (m = new Map()));
  return m;
}

/** After a write of `kind/id` in `t`, no remembered lookup of it is used again. */
function forgetLookups(t: Tx, kind: string, id: string): void {
  const m = lookupsByTx.get(t);
  const list = m?.get(id);
  if (!m || !list) return;
  const kept = list.filter((s) => s.kind !== kind);
  if (kept.length > 0) m.set(id, kept);
  else m.delete(id);
}

async function writeContext(ctx: RuleContext, def: ResourceDef, rec: RecordData, changed?: string[]): Promise<WriteContext> {
  const out: WriteContext = {};
  if (changed) out.changedFields = changed;
  if (def.kind === 'mechanism') out.mechanismParties = rec.parties as string[];
  if (def.kind === 'commitment') out.commitmentParties = rec.parties as string[];
  if (def.kind === 'evidence' || def.kind === 'assessment') {
    const c = await ctx.get('commitment', String(rec.commitmentId));
    out.commitmentParties = (c?.parties as string[] | undefined) ?? [];
  }
  if (def.kind === 'assessment') out.assessor = String(rec.assessor);
  return out;
}

/** References, parent marking, languages, then the resource's own rules. */
async function check(ctx: RuleContext, def: ResourceDef, next: RecordData, prev?: RecordData): Promise<void> {
  for (const ref of def.refs) {
    const value = next[ref.field];
    if (value === null || value === undefined) continue;
    const ids = ref.many ? (value as string[]) : [value as string];
    for (const [i, refId] of ids.entries()) {
      const field = ref.many ? `${ref.field}.${i}` : ref.field;
      const target = await ctx.get(ref.kind, refId);
      if (!target) throw invalid(field, `no ${resource(ref.kind).label} with this id is visible to you`);
      const targetDef = resource(ref.kind);
      if (def.scope === 'mechanism' && targetDef.scope === 'mechanism' && target.mechanismId !== next.mechanismId) {
        throw invalid(field, 'refers to a record of another mechanism');
      }
      // Whoever may see this record may see what it names: no id of a hidden record leaks.
      if (ref.field !== def.parent?.field && OPENNESS[target.marking] < OPENNESS[next.marking]) {
        throw invalid(field, `refers to a ${targetDef.label} marked ${target.marking}, less open than this record (${next.marking})`);
      }
    }
  }
  if (def.parent) {
    const parentId = next[def.parent.field];
    const parent = typeof parentId === 'string' ? await ctx.get(def.parent.kind, parentId) : ctx.mechanism;
    if (parent && OPENNESS[next.marking] > OPENNESS[parent.marking as Marking]) {
      throw invalid('marking', `may not be more open than its ${resource(def.parent.kind).label} (${String(parent.marking)})`);
    }
  }
  if (ctx.mechanism && OPENNESS[next.marking] > OPENNESS[ctx.mechanism.marking]) {
    throw invalid('marking', `may not be more open than its mechanism (${ctx.mechanism.marking})`);
  }
  if (prev && OPENNESS[next.marking] < OPENNESS[prev.marking]) {
    await refuseMoreOpenChildren(ctx, def, next);
    await refuseMoreOpenReferrers(ctx, def, next);
  }
  await def.rules?.(ctx, next, prev);
  checkLanguages(ctx, def, next);
}

/** A marking lowered below that of a record hanging from it would hide the parent, not the child. */
async function refuseMoreOpenChildren(ctx: RuleContext, def: ResourceDef, next: RecordData): Promise<void> {
  const moreOpen = MARKINGS.filter((m) => OPENNESS[m] > OPENNESS[next.marking]);
  for (const child of RESOURCES) {
    const column = def.scope === 'root' && child.scope === 'mechanism' ? 'mechanismId' : child.parent?.kind === def.kind ? child.parent.field : undefined;
    if (!column) continue;
    const hit = await ctx.tx.selectFrom(child.table).select('id').where(column, '=', next.id).where('marking', 'in', moreOpen).limit(1).executeTakeFirst();
    if (hit) throw invalid('marking', `a ${child.label} of this ${def.label} is more open than ${next.marking}; lower its marking first`);
  }
}

/** Lowering a marking below that of a record that names this one would leak its id there. */
async function refuseMoreOpenReferrers(ctx: RuleContext, def: ResourceDef, next: RecordData): Promise<void> {
  const moreOpen = MARKINGS.filter((m) => OPENNESS[m] > OPENNESS[next.marking]);
  for (const other of RESOURCES) {
    for (const ref of other.refs) {
      if (ref.kind !== def.kind) continue;
      const hit = await ctx.tx
        .selectFrom(other.table)
        .select('id')
        .where(ref.many ? jsonArrayContains(ctx.dialect, ref.field, next.id) : (eb) => eb(ref.field, '=', next.id))
        .where('marking', 'in', moreOpen)
        .limit(1)
        .executeTakeFirst();
      if (hit) throw invalid('marking', `a more open ${other.label} refers to this ${def.label}; lower its marking first`);
    }
  }
  if (def.kind === 'person') {
    // Co-chairs name people inside the rounds' coChairs lists (ids are UUIDs: a substring match is exact).
    const hit = await ctx.tx.selectFrom('rounds').select('id').where('coChairs', 'like', `%${next.id}%`).where('marking', 'in', moreOpen).limit(1).executeTakeFirst();
    if (hit) throw invalid('marking', 'a more open round has this person as co-chair; lower its marking first');
  }
}

/** The languages allowed in the texts of a mechanism's records, by its languages list (the mechanism as looked up once per transaction). */
const allowedByList = new WeakMap<readonly string[], ReadonlySet<string>>();

function allowedLanguages(ctx: RuleContext, def: ResourceDef, next: RecordData): ReadonlySet<string> {
  const own = ctx.mechanism?.languages as string[] | undefined;
  if (!own || def.kind === 'party') {
    const listed = own ?? (def.kind === 'mechanism' ? (next.languages as string[]) : []);
    return languageSet([...listed, ...(def.kind === 'party' ? (next.workingLanguages as string[]) : [])]);
  }
  let allowed = allowedByList.get(own);
  if (!allowed) allowedByList.set(own, (allowed = languageSet(own)));
  return allowed;
}

function languageSet(listed: readonly string[]): ReadonlySet<string> {
  return new Set([...UI_LANGUAGES, ...listed].map((l) => canonicalLanguage(l) ?? l));
}

function checkLanguages(ctx: RuleContext, def: ResourceDef, next: RecordData): void {
  const allowed = allowedLanguages(ctx, def, next);
  for (const [field, value, set] of textsOf(def, next)) {
    const normalised: Record<string, string> = {};
    for (const [tag, text] of Object.entries(value)) {
      const canonical = canonicalLanguage(tag) ?? tag;
      if (!allowed.has(canonical)) {
        throw invalid(`${field}.${tag}`, `language "${tag}" is neither a language of this mechanism nor a UI language (${[...allowed].join(', ')})`);
      }
      if (canonical in normalised) throw invalid(`${field}.${tag}`, `language "${canonical}" is given twice`);
      normalised[canonical] = text;
    }
    set(normalised);
  }
}

type Text = Record<string, string>;

/**
 * The multilingual texts of a record with a setter each. `def.texts` names top-level fields
 * ("name") or fields of list items ("titles[].title").
 */
function textsOf(def: ResourceDef, rec: RecordData): Array<[string, Text, (t: Text) => void]> {
  const out: Array<[string, Text, (t: Text) => void]> = [];
  for (const path of def.texts) {
    const [list, inner] = path.split('[].');
    if (inner === undefined) {
      const value = rec[path] as Text | null;
      if (value) out.push([path, value, (t) => (rec[path] = t)]);
      continue;
    }
    ((rec[list!] as Array<Record<string, unknown>> | null) ?? []).forEach((item, i) => {
      const value = item[inner] as Text | undefined;
      if (value) out.push([`${list}.${i}.${inner}`, value, (t) => (item[inner] = t)]);
    });
  }
  return out;
}

/** A record another record points to is not deleted from under it. */
async function refuseIfReferenced(w: Writer, t: Tx, def: ResourceDef, id: string): Promise<void> {
  for (const other of RESOURCES) {
    for (const ref of other.refs) {
      if (ref.kind !== def.kind) continue;
      const hit = await t
        .selectFrom(other.table)
        .select('id')
        .where(ref.many ? jsonArrayContains(w.dialect, ref.field, id) : (eb) => eb(ref.field, '=', id))
        .limit(1)
        .executeTakeFirst();
      // The referencing record may be hidden from the caller: name its kind, never its id.
      if (hit) throw conflict(`this ${def.label} is referenced by a ${other.label}; remove that reference first`);
    }
  }
}
