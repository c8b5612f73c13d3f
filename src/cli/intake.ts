import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openStore, type Store } from '../db/index.ts';
import { principalByName } from '../access/accounts.ts';
import { ANONYMOUS, type Principal } from '../access/principal.ts';
import type { IntakeLanguage, KnownNames } from '../intake/draft.ts';
import { extract } from '../intake/extract.ts';
import { knownNames } from '../intake/known.ts';
import { MAX_TEXT_BYTES } from '../intake/schema.ts';
import { formatDraft } from './intake-text.ts';

/**
 * `entente intake FILE [--lang fr|en] [--published YYYY-MM-DD] [--json] [--as USER]`: a
 * communiqué's text → the draft of its round, printed for a person or (--json) as the object
 * POST /api/v1/intake answers. Names are matched against the local database's records when
 * there is one (DATABASE_URL, or a database in DATA_DIR), as the public sees them, or as
 * USER does; nothing is written. Exit 1 with a plain message when the file cannot be read.
 */

export interface IntakeCommandOptions {
  file: string;
  language?: IntakeLanguage | undefined;
  published?: string | undefined;
  json: boolean;
  as?: string | undefined;
}

export async function intakeCommand(config: Config, opts: IntakeCommandOptions): Promise<number> {
  const text = readText(opts.file);
  const known = await localNames(config, opts.as);
  const draft = extract(text, { ...(opts.language ? { language: opts.language } : {}), ...(opts.published ? { published: opts.published } : {}), ...(known ? { known } : {}) });
  process.stdout.write(opts.json ? `${JSON.stringify(draft, null, 2)}\n` : formatDraft(draft, text, { file: path.basename(opts.file), matched: known !== undefined }));
  return 0;
}

/** The file's text (UTF-8, without a byte-order mark), or an error a person can act on. */
function readText(file: string): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new Error(`${file} is a directory, not a text file`);
    if (stat.size > MAX_TEXT_BYTES) throw new Error(`${file} is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MiB`);
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`no file ${file}`, { cause: err });
    if (code === 'EACCES' || code === 'EPERM') throw new Error(`cannot read ${file}: permission denied`, { cause: err });
    if (code !== undefined) throw new Error(`cannot read ${file} (${code})`, { cause: err });
    throw err;
  }
  if (bytes.includes(0)) throw new Error(`${file} is not a text file (it holds binary data)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${file} is not UTF-8 text: convert it to UTF-8 first`);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * The names the local database knows, read as the public (or as `as`), when there is a
 * database: PostgreSQL at DATABASE_URL, or SQLite in DATA_DIR. Read without the data
 * directory's lock and without migrating: it works beside a running server.
 */
async function localNames(config: Config, as: string | undefined): Promise<KnownNames | undefined> {
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'entente.db'))) {
    if (as !== undefined) throw new Error(`--as ${as}: there is no database in ${config.dataDir} (set DATA_DIR or DATABASE_URL)`);
    return undefined;
  }
  let store: Store;
  try {
    store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, lock: false, migrate: false });
  } catch (err) {
    // A database not set up (or of another version) has no names to give: the draft is made without.
    const why = err instanceof Error ? err.message : String(err);
    if (as !== undefined) throw new Error(`--as ${as}: ${why}`, { cause: err });
    console.error(`entente: no names matched: ${why}`);
    return undefined;
  }
  try {
    let principal: Principal = ANONYMOUS;
    if (as !== undefined) {
      const found = await principalByName(store.db, as);
      if (!found) throw new Error(`no user "${as}"`);
      principal = found;
    }
    return await knownNames(store, principal);
  } finally {
    await store.close();
  }
}
