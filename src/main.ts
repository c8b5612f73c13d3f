import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { DataDirLocked } from './db/lock.ts';
import { serve } from './cli/serve.ts';
import { init } from './cli/init.ts';
import { exportCommand } from './cli/export.ts';
import { importCommand } from './cli/import.ts';

const USAGE = `Usage: entente <command> [options]

Commands:
  serve                         start the server (creates, migrates and seeds the database on first start)
  init [--no-demo]              create and migrate the database; seed the demo mechanism unless --no-demo
  init --admin NAME --party CODE
                                a new installation without demo data: print a one-time invitation
                                for its first admin
  export [--as USER] [--out FILE]
                                write every record USER may see as JSON (signed out: public records only)
  import FILE --as USER [--as USER ...] [--skip-rejected]
                                create the records of an export through the write path; each record
                                is written by a given account of its owner party (an admin for
                                parties and mechanisms); all or nothing unless --skip-rejected

Environment: PORT, HOST, DATA_DIR, DATABASE_URL, ENTENTE_DEMO_PASSWORD, ENTENTE_DEMO_TOTP_SECRET, LOG_LEVEL`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Help needs no configuration; every other command reads it first.
  if (command === undefined || ['help', '--help', '-h'].includes(command)) {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'init': {
      const { values } = parseArgs({ args: rest, options: { 'no-demo': { type: 'boolean' }, admin: { type: 'string' }, party: { type: 'string' } } });
      if (values.admin !== undefined && !values.party) throw new UsageError('init --admin NAME needs --party CODE (the party the admin belongs to)');
      return init(config, { demo: !values['no-demo'] && values.admin === undefined, admin: values.admin, party: values.party });
    }
    case 'export': {
      const { values } = parseArgs({ args: rest, options: { as: { type: 'string' }, out: { type: 'string' } } });
      return exportCommand(config, { as: values.as, out: values.out });
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { as: { type: 'string', multiple: true }, 'skip-rejected': { type: 'boolean' } },
      });
      if (positionals.length !== 1 || !values.as?.length) throw new UsageError('import needs one FILE and --as USER');
      return importCommand(config, { file: positionals[0]!, as: values.as, skipRejected: values['skip-rejected'] ?? false });
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`entente: ${(err as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (err instanceof DataDirLocked) {
      console.error(`entente: ${err.message}`);
      process.exitCode = 1;
    } else {
      console.error(`entente: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  },
);
