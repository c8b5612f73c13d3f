import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_DEMO_PASSWORD, freshInstallation, killLeftovers, runCli, startServer, type Exit, type Installation } from '../../test/support/cli.ts';
import { COMMUNIQUE_TEXT_FR } from '../seed/communique-2025-12-02.fr.ts';
import type { IntakeDraft } from '../intake/draft.ts';

/**
 * `entente intake FILE` as an operator runs it (a child process, its configuration in the
 * environment): the seed communiqué's draft, as JSON and for a person; names matched against
 * the local database when there is one; the same draft as POST /api/v1/intake answers; plain
 * errors for files it cannot read.
 */

let inst: Installation;
let seedFile: string;

beforeEach(async () => {
  inst = await freshInstallation();
  seedFile = path.join(inst.dataDir, 'communique.fr.txt');
  fs.writeFileSync(seedFile, COMMUNIQUE_TEXT_FR);
});

afterEach(async () => {
  await killLeftovers();
  await inst.destroy();
});

function json(res: Exit): IntakeDraft {
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as IntakeDraft;
}

function expectPlainError(res: Exit, message: RegExp, code = 1): void {
  expect(res.code).toBe(code);
  expect(res.stderr.split('\n')[0]).toMatch(/^entente: /);
  expect(res.stderr).toMatch(message);
  expect(res.stderr).not.toMatch(/\n\s+at |node:internal/);
  expect(res.stdout).toBe('');
}

describe('entente intake', () => {
  it('--json prints the draft of the seed communiqué; without a database no name is matched, and none is created', async () => {
    const draft = json(await runCli(['intake', seedFile, '--json', '--published', '2025-12-02'], inst.env));
    expect(draft.language).toBe('fr');
    expect(draft.round?.value).toBe(20);
    expect(draft.date?.value).toBe('2025-12-02');
    expect(draft.place?.value).toBe('Pékin');
    expect(draft.coChairs.map((c) => c.value.name)).toEqual(['Wang Yi', 'Sergei Shoigu']);
    expect(draft.coChairs.every((c) => c.value.personId === undefined)).toBe(true);
    expect(draft.mechanism?.value.id).toBeUndefined();
    expect(fs.readdirSync(inst.dataDir)).toEqual(['communique.fr.txt']);
  });

  it('matches the names of the local database (as the public reads it), and prints what POST /api/v1/intake answers', async () => {
    expect((await runCli(['init'], inst.env)).code).toBe(0);
    const draft = json(await runCli(['intake', seedFile, '--json', '--lang', 'fr', '--published', '2025-12-02'], inst.env));
    expect(draft.mechanism?.value.isNew).toBe(false);
    expect(draft.mechanism?.value.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(draft.coChairs.every((c) => typeof c.value.personId === 'string')).toBe(true);

    const server = await startServer(inst.env);
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cn-secretariat', password: CLI_DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const res = await fetch(`${server.url}/api/v1/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ text: COMMUNIQUE_TEXT_FR, language: 'fr', published: '2025-12-02' }),
    });
    expect(res.status).toBe(200);
    // The demo's mechanism and people are public: the secretariat and the public match the same names.
    expect(await res.json()).toEqual(draft);
    expect((await server.stop()).code).toBe(0);
  });

  it('prints the draft for a person: each field with its value, confidence and source', async () => {
    expect((await runCli(['init'], inst.env)).code).toBe(0);
    const res = await runCli(['intake', seedFile], inst.env);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('Draft of communique.fr.txt (fr), names matched against the local database');
    expect(lines.find((l) => l.startsWith('round '))).toMatch(/^round +20 +\d+% +“.*20e cycle.*”$/);
    expect(lines.find((l) => l.startsWith('place '))).toMatch(/^place +Pékin +\d+% +“.*Pékin.*”$/);
    expect(lines.find((l) => l.startsWith('co-chairs '))).toMatch(/Wang Yi.*\(cn\) \(known\)/);
    expect(res.stdout).toMatch(/Sergei Shoigu.*\(ru\) \(known\)/);
    expect(res.stdout).toMatch(/^milestones +1996 /m);
    // About one screen: a line per field or item.
    expect(lines.length).toBeLessThan(60);
  });

  it('refuses what it cannot read with one plain line and exit 1; bad options with the usage and exit 2', async () => {
    expectPlainError(await runCli(['intake', path.join(inst.dataDir, 'missing.txt')], inst.env), /no file .*missing\.txt/);
    expectPlainError(await runCli(['intake', inst.dataDir], inst.env), /is a directory/);
    const binary = path.join(inst.dataDir, 'picture.png');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expectPlainError(await runCli(['intake', binary], inst.env), /is not a text file/);
    const latin1 = path.join(inst.dataDir, 'latin1.txt');
    fs.writeFileSync(latin1, Buffer.from('Réunion à Pékin', 'latin1'));
    expectPlainError(await runCli(['intake', latin1], inst.env), /is not UTF-8 text/);

    expectPlainError(await runCli(['intake', seedFile, '--lang', 'de'], inst.env), /--lang must be fr or en/, 2);
    expectPlainError(await runCli(['intake', seedFile, '--published', '2/12/2025'], inst.env), /--published must be a date as YYYY-MM-DD/, 2);
    expectPlainError(await runCli(['intake'], inst.env), /intake needs one FILE/, 2);
    // No database to read as that user (SQLite: none in DATA_DIR; PostgreSQL: not set up).
    expectPlainError(await runCli(['intake', seedFile, '--as', 'nobody'], inst.env), /^entente: --as nobody: (there is no database|the database is not at this version's schema)/);
  });

  it('gives an empty draft with a note for a text with no meeting in it', async () => {
    const file = path.join(inst.dataDir, 'recipe.txt');
    fs.writeFileSync(file, 'Faire fondre le beurre, ajouter la farine et remuer doucement.\n');
    const draft = json(await runCli(['intake', file, '--json'], inst.env));
    expect(draft.round).toBeNull();
    expect(draft.coChairs).toEqual([]);
    expect(draft.notes.length).toBeGreaterThan(0);
  });
});
