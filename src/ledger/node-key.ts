import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { generateSigner, signerFromPem, type NoteSigner } from './note.ts';

/**
 * The node's Ed25519 key, which signs the checkpoints of its logs (DESIGN §4). Made at first
 * start in the data directory (mode 0600), never in the database and never in the repository.
 * The database keeps only the public half (`meta.nodeVerifierKey`) and the node's name, so that
 * a second server process of the same node refuses to start with a different key, and so that
 * verifiers can be told which key to trust.
 */
export const NODE_KEY_FILE = 'node-key.pem';

export interface NodeKey {
  /** The node's name: the key name of its signatures and the prefix of its logs' origins. */
  name: string;
  signer: NoteSigner;
  verifierKey: string;
}

export class NodeKeyProblem extends Error {}

async function meta(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function loadNodeKey(db: Db, dataDir: string): Promise<NodeKey> {
  const file = path.join(dataDir, NODE_KEY_FILE);
  const known = await meta(db, 'nodeVerifierKey');
  let name = await meta(db, 'nodeName');
  if (!fs.existsSync(file)) {
    if (known) {
      throw new NodeKeyProblem(
        `this database belongs to a node whose key is not in ${dataDir}: copy ${NODE_KEY_FILE} from the data directory of the node's first server (its verifier key is ${known})`,
      );
    }
    name ??= `entente-${randomBytes(4).toString('hex')}`;
    const made = generateSigner(name);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // 'wx': two processes starting at once cannot both write a key; the loser reads the winner's.
    try {
      fs.writeFileSync(file, made.privateKeyPem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return loadNodeKey(db, dataDir);
    }
    await db.insertInto('meta').values([{ key: 'nodeName', value: name }, { key: 'nodeVerifierKey', value: made.verifierKey }]).onConflict((oc) => oc.column('key').doNothing()).execute();
    const stored = await meta(db, 'nodeVerifierKey');
    if (stored !== made.verifierKey) {
      fs.rmSync(file, { force: true });
      throw new NodeKeyProblem('another server process of this node made its key at the same moment; start again');
    }
    return { name, signer: made.signer, verifierKey: made.verifierKey };
  }
  const pem = fs.readFileSync(file, 'utf8');
  if (name === undefined) {
    // A key file without its record in the database (a new database in an old data directory).
    name = `entente-${randomBytes(4).toString('hex')}`;
  }
  const signer = signerFromPem(name, pem);
  if (known && known !== signer.verifierKey) {
    throw new NodeKeyProblem(`${file} is not the key of the node this database belongs to (its verifier key is ${known})`);
  }
  if (!known) {
    await db.insertInto('meta').values([{ key: 'nodeName', value: name }, { key: 'nodeVerifierKey', value: signer.verifierKey }]).onConflict((oc) => oc.column('key').doNothing()).execute();
  }
  return { name, signer, verifierKey: signer.verifierKey };
}
