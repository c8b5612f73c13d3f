import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { DataDirLocked } from './db/lock.ts';
import { serve } from './cli/serve.ts';
import { init } from './cli/init.ts';
import { exportCommand } from './cli/export.ts';
import { importCommand } from './cli/import.ts';
import { verifyCommand } from './cli/verify.ts';
import { intakeCommand } from './cli/intake.ts';

const USAGE = `Usage: entente <command> [options]

Commands:
  serve                         start the server (creates, migrates and seeds the database on first start)
  init [--no-demo]              create and migrate the database; seed the demo mechanism unless --no-demo
  init --admin NAME --party CODE
                                a new installation without demo data: print a one-time invitation
                                for its first admin
  export [--as USER] [--out FILE]
                                write every record USER may see as JSON (signed out: public records only)
  export --bundle FILE --as USER
                                write an offline bundle for entente verify FILE: the entries, signed
                                checkpoints and records of every log USER may read, and the node's key
  import FILE --as USER [--as USER ...] [--skip-rejected]
                                create the records of an export through the write path; each record
                                is written by a given account of its owner party (an admin for
                                parties and mechanisms); all or nothing unless --skip-rejected
  verify [--data DIR | --url URL --token TOKEN | BUNDLE] [--key KEY] [--state FILE | --no-state]
                                recompute every log's tree from its entries; check it against the
                                stored tree, the signed checkpoints, the checkpoints seen by earlier
                                runs (rollback) and the records; exit 1 naming the first difference.
                                --data: a data directory (default DATA_DIR, DATABASE_URL), also while
                                its server runs; --url: a server's log API with an API token;
                                BUNDLE: a file of export --bundle, offline. --key: the node's verifier
                                key (text or file) to trust; --state: where seen checkpoints are kept
                                (default $XDG_STATE_HOME/entente/seen-checkpoints.json)
  intake FILE [--lang fr|en] [--published YYYY-MM-DD] [--json] [--as USER]
                                a communiqué's text → the draft of its round (round, date, place,
                                co-chairs, statements, commitments, positions, milestones, events),
                                each item with its confidence and source; --json prints the object
                                POST /api/v1/intake answers. The language is detected unless given.
                                Names are matched against the local database when there is one (as
                                the public sees it, or as USER); nothing is written

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
      const { values } = parseArgs({ args: rest, options: { as: { type: 'string' }, out: { type: 'string' }, bundle: { type: 'string' } } });
      if (values.bundle !== undefined && values.out !== undefined) throw new UsageError('export writes either --out FILE or --bundle FILE');
      if (values.bundle !== undefined && !values.as) throw new UsageError('export --bundle FILE needs --as USER (a bundle holds the logs that user may read)');
      return exportCommand(config, { as: values.as, out: values.out, bundle: values.bundle });
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
    case 'verify': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          data: { type: 'string' },
          url: { type: 'string' },
          token: { type: 'string' },
          key: { type: 'string' },
          state: { type: 'string' },
          'no-state': { type: 'boolean' },
        },
      });
      if (positionals.length > 1) throw new UsageError('verify checks one BUNDLE at a time');
      const bundle = positionals[0];
      if ([values.data, values.url, bundle].filter((v) => v !== undefined).length > 1) throw new UsageError('verify takes one of --data DIR, --url URL or BUNDLE');
      if (values.token !== undefined && values.url === undefined) throw new UsageError('--token goes with --url URL');
      if (values.url !== undefined && !/^https?:\/\/[^/\s]/.test(values.url)) throw new UsageError(`--url must be an http:// or https:// address, got "${values.url}"`);
      if (values.state !== undefined && values['no-state']) throw new UsageError('verify takes --state FILE or --no-state, not both');
      return verifyCommand(config, { data: values.data, url: values.url, token: values.token, bundle, key: values.key, state: values.state, noState: values['no-state'] });
    }
    case 'intake': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { lang: { type: 'string' }, published: { type: 'string' }, json: { type: 'boolean' }, as: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new UsageError('intake needs one FILE');
      if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang must be fr or en, got "${values.lang}"`);
      if (values.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.published)) throw new UsageError(`--published must be a date as YYYY-MM-DD, got "${values.published}"`);
      return intakeCommand(config, { file: positionals[0]!, language: values.lang, published: values.published, json: values.json ?? false, as: values.as });
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
    if (err instanceof UsageError || ['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'].includes((err as { code?: string }).code ?? '')) {
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
