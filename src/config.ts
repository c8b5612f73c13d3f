import os from 'node:os';
import path from 'node:path';

/** Environment → typed configuration. The only place that reads process.env. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string | undefined;
  demoTotpSecret: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  /** Where `entente verify` remembers the checkpoints it saw: $XDG_STATE_HOME/entente, else ~/.local/state/entente. */
  stateDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.ENTENTE_DEMO_PASSWORD || undefined,
    demoTotpSecret: env.ENTENTE_DEMO_TOTP_SECRET || undefined,
    logLevel: env.LOG_LEVEL ?? 'warn',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    stateDir: path.join(env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME || os.homedir(), '.local', 'state'), 'entente'),
  };
}
