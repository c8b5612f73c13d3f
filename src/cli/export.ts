import fs from 'node:fs';
import type { Config } from '../config.ts';
import { openStore } from '../db/index.ts';
import { principalByName } from '../access/accounts.ts';
import { ANONYMOUS, type Principal } from '../access/principal.ts';
import { exportRecords } from '../record/transfer.ts';
import { writeBundle } from '../ledger/bundle.ts';

export async function exportCommand(config: Config, opts: { as?: string | undefined; out?: string | undefined; bundle?: string | undefined }): Promise<number> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, lock: false });
  try {
    let principal: Principal = ANONYMOUS;
    if (opts.as) {
      const found = await principalByName(store.db, opts.as);
      if (!found) throw new Error(`no user "${opts.as}"`);
      principal = found;
    }
    if (opts.bundle !== undefined) {
      // A self-contained offline bundle of the logs the user may read (format: src/ledger/bundle.ts).
      const s = await writeBundle(store, config.dataDir, principal, opts.as ?? '', opts.bundle);
      console.error(`Wrote ${opts.bundle}: ${s.logs} logs readable by ${opts.as} (${s.entries} entries, ${s.checkpoints} checkpoints, ${s.records} records). Check it with: entente verify ${opts.bundle}`);
      return 0;
    }
    const data = await exportRecords(store, principal);
    const text = JSON.stringify(data, null, 1) + '\n';
    const count = Object.values(data.records).reduce((n, list) => n + list.length, 0);
    if (opts.out) fs.writeFileSync(opts.out, text);
    else process.stdout.write(text);
    console.error(`Exported ${count} records visible to ${opts.as ?? 'the public'}${opts.out ? ` to ${opts.out}` : ''}.`);
    return 0;
  } finally {
    await store.close();
  }
}
