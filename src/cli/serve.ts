import type { Config } from '../config.ts';
import { openStore } from '../db/index.ts';
import { buildApp } from '../http/app.ts';
import { prepare } from './init.ts';

/** Runs the server until SIGINT or SIGTERM, then closes connections and the database cleanly. */
export async function serve(config: Config): Promise<number> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await prepare(store, config, { demo: true });
    const app = await buildApp({ store, logLevel: config.logLevel });
    const address = await app.listen({ port: config.port, host: config.host });
    console.log(`Entente is serving ${address} (${store.dialect}${store.dialect === 'sqlite' ? ` in ${config.dataDir}` : ''}); API docs at ${address}/api/docs`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        console.log(`${signal}: shutting down`);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await app.close();
    return 0;
  } finally {
    await store.close();
  }
}
