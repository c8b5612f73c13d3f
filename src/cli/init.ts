import type { Config } from '../config.ts';
import { openStore, type Store } from '../db/index.ts';
import { createInvitation } from '../access/invitations.ts';
import { seedDemo } from '../seed/demo.ts';

/** Migrations run when the store opens; this seeds the demo and reports what it did. */
export async function prepare(store: Store, config: Config, opts: { demo: boolean }): Promise<void> {
  if (!opts.demo) {
    // Remember that this installation was set up without the demo, so that serve never adds it.
    await store.db.insertInto('meta').values({ key: 'installation', value: 'no-demo' }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return;
  }
  const result = await seedDemo(store, { password: config.demoPassword, totpSecret: config.demoTotpSecret });
  if (result.seeded) {
    console.log('Seeded the demo mechanism: China–Russia strategic security consultation.');
    console.log('Demo accounts: cn-admin cn-cochair cn-secretariat cn-delegate cn-observer, and the same for ru.');
    console.log(
      config.demoTotpSecret
        ? 'Their second factor is the TOTP secret of ENTENTE_DEMO_TOTP_SECRET.'
        : 'The co-chairs and admins set up their second factor (TOTP) at their first sign-in.',
    );
    if (result.generatedPassword) {
      console.log(`Their password (shown only this once; set ENTENTE_DEMO_PASSWORD to choose it): ${result.generatedPassword}`);
    }
  }
}

export async function init(config: Config, opts: { demo: boolean; admin?: string | undefined; party?: string | undefined }): Promise<number> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await prepare(store, config, opts);
    if (opts.admin !== undefined) await inviteFirstAdmin(store, config, opts.admin, opts.party ?? '');
    console.log(`Database ready (${store.dialect}).`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The first admin of a new installation: a one-time invitation, printed once. */
async function inviteFirstAdmin(store: Store, config: Config, username: string, party: string): Promise<void> {
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username)) throw new Error(`"${username}" is not a valid username (2 to 63: a-z, 0-9, . _ -)`);
  if (!/^[a-z]{2,8}$/.test(party)) throw new Error(`"${party}" is not a party code (2 to 8 lower-case letters)`);
  const taken = await store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new Error(`the user "${username}" exists already`);
  const inv = await createInvitation(store.db, { party, username, admin: true, roles: [], createdBy: null });
  console.log(`Invitation for the first admin "${username}" of party "${party}" (valid until ${inv.expiresAt}, usable once):`);
  console.log(`  ${inv.token}`);
  console.log(`Accept it by setting a password (at least 12 characters), on the running server:`);
  console.log(`  curl -X POST http://localhost:${config.port}/api/v1/invitations/accept -H 'content-type: application/json' \\`);
  console.log(`    -d '{"token":"${inv.token}","password":"…"}'`);
  console.log('Then sign in and enrol a second factor (POST /api/v1/me/totp); admins must have one.');
}
