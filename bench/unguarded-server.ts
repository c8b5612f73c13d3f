import { loadConfig } from '../src/config.ts';
import { openStore } from '../src/db/index.ts';
import { buildApp } from '../src/http/app.ts';
import { SYSTEM } from '../src/access/principal.ts';

/**
 * The server with its access layer short-circuited, for the bench's comparison only: every
 * request runs as the node's own reader (no session or token lookup, no policy filter). It
 * serves a data directory (or database) that the real server has already set up. bench/server.ts
 * bundles it with esbuild exactly as bin/entente.js bundles the real server, so the two differ
 * only in what is being measured.
 */
const config = loadConfig();
const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
const app = await buildApp({ store, dataDir: config.dataDir, logLevel: config.logLevel, fixedPrincipal: SYSTEM });
const address = await app.listen({ port: config.port, host: config.host });
console.log(`unguarded bench server on ${address}`);
const stop = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
