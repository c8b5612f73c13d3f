import type { Config } from '../config.ts';
import { openStore, type Store } from '../db/index.ts';
import { seedDemo } from '../seed/demo.ts';

/** Migrations run when the store opens; this seeds the demo and reports what it did. */
export async function prepare(store: Store, config: Config, opts: { demo: boolean }): Promise<void> {
  if (!opts.demo) return;
  const result = await seedDemo(store, { password: config.demoPassword });
  if (result.seeded) {
    console.log('Seeded the demo mechanism: China–Russia strategic security consultation.');
    console.log('Demo accounts: cn-admin cn-cochair cn-secretariat cn-delegate cn-observer, and the same for ru.');
    if (result.generatedPassword) {
      console.log(`Their password (shown only this once; set ENTENTE_DEMO_PASSWORD to choose it): ${result.generatedPassword}`);
    }
  }
}

export async function init(config: Config, opts: { demo: boolean }): Promise<number> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await prepare(store, config, opts);
    console.log(`Database ready (${store.dialect}).`);
    return 0;
  } finally {
    await store.close();
  }
}
