import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { openStore } from '../db/index.ts';
import { principalByName } from '../access/accounts.ts';
import { importRecords } from '../record/transfer.ts';

export async function importCommand(config: Config, opts: { file: string; as: string[]; skipRejected: boolean }): Promise<number> {
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(opts.file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${opts.file}: ${err instanceof SyntaxError ? 'not valid JSON' : (err as Error).message}`, { cause: err });
  }
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const principals = [];
    for (const name of opts.as) {
      const principal = await principalByName(store.db, name);
      if (!principal) throw new Error(`no user "${name}"`);
      principals.push(principal);
    }
    const bar = new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} records', stream: process.stderr }, cliProgress.Presets.shades_classic);
    let started = false;
    const report = await importRecords(store, principals, input, {
      skipRejected: opts.skipRejected,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    });
    if (started) bar.stop();
    for (const r of report.rejected) console.error(`rejected ${r.kind} ${r.id}: ${r.reason}`);
    if (report.committed) {
      console.log(`Imported ${report.imported} of ${report.total} records${report.rejected.length ? `; ${report.rejected.length} rejected` : ''}.`);
      return 0;
    }
    console.error(`Nothing imported: ${report.rejected.length} of ${report.total} records were rejected (use --skip-rejected to import the others).`);
    return 1;
  } finally {
    await store.close();
  }
}
