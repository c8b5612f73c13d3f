import type { Config } from '../config.ts';
import { openStore } from '../db/index.ts';
import { buildApp } from '../http/app.ts';
import { ensureWorkspaceBuilt } from '../http/workspace-build.ts';
import { prepare } from './init.ts';

/**
 * Runs the server until SIGINT or SIGTERM, then closes connections and the database cleanly.
 * The signal handlers are in place from the first moment: a signal during start-up lets the
 * current step finish (a seed is one transaction), then shuts down without serving.
 */
export async function serve(config: Config): Promise<number> {
  let signalled: string | undefined;
  const stop = new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      signalled = signal;
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  // The workspace is built (only when its sources changed) before anything else opens.
  const build = await ensureWorkspaceBuilt({ onBuildStart: () => console.log('Building the workspace (web/)…') });
  if (build.built) console.log(`Built the workspace in ${(build.ms / 1000).toFixed(1)} s.`);
  if (signalled) return shutDown(signalled);

  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    if (!signalled) await prepare(store, config, { demo: true });
    if (signalled) return shutDown(signalled);
    const app = await buildApp({ store, dataDir: config.dataDir, logLevel: config.logLevel, trustProxy: config.trustProxy });
    const address = await app.listen({ port: config.port, host: config.host });
    console.log(
      `Entente is serving ${address} (${store.dialect}${store.dialect === 'sqlite' ? ` in ${config.dataDir}` : ''}); the workspace at ${address}/workspace/, API docs at ${address}/api/docs`,
    );
    await stop;
    await app.close();
    return shutDown(signalled ?? 'signal');
  } finally {
    await store.close();
  }
}

function shutDown(signal: string): number {
  console.log(`${signal}: shutting down`);
  return 0;
}
