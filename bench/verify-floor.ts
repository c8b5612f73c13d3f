import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { chunkCore, packEntries } from '../src/ledger/verify-tree.ts';

/**
 * (4) of ledger.ts: the floor under any `verify` of the embedded database. One worker thread
 * per core reads the largest log's entries in verify's chunks (2^13, the same statement:
 * texts in index order through a read-only connection of its own), packs and hashes them with
 * verify's own chunk hashing, and checks nothing: no stored node, no gap, no replay, no row.
 * Threads are started and the file opened before the clock starts. Prints one JSON line:
 * { entries, hashes, ms }, hashes being every tree node made (leaves and inner nodes).
 * Usage: node --import tsx bench/verify-floor.ts DATA_DIR
 */
const CHUNK = 2 ** 13;
const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: verify-floor.ts DATA_DIR');
const file = path.join(dataDir, 'entente.db');

const db = new Database(file, { readonly: true, fileMustExist: true });
const [logId, size] = db.prepare('select id, size from logs order by size desc limit 1').raw(true).get() as [string, number];
db.close();

const SOURCE = `
const __name = (f) => f;
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(workerData.sqlite);
const chunk = (${chunkCore.toString()})((data) => hash('sha256', data, 'binary'));
const pack = ${packEntries.toString()};
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
const read = db.prepare('select entry from "logEntries" where "logId" = ? and idx >= ? and idx < ? order by idx').pluck(true);
parentPort.postMessage('ready');
parentPort.once('message', () => {
  let entries = 0;
  let hashes = 0;
  for (const [from, to] of workerData.chunks) {
    const texts = read.all(workerData.logId, from, to);
    const p = pack(texts);
    for (const c of chunk(p.bytes, p.offsets, [], true).counts) hashes += c;
    entries += texts.length;
  }
  parentPort.postMessage({ entries, hashes });
});
`;

const threads = availableParallelism();
const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
// Whole chunks only (verify hashes a partial last chunk the same way; it changes nothing here).
const chunks: Array<[number, number]>[] = Array.from({ length: threads }, () => []);
for (let from = 0, k = 0; from + CHUNK <= size; from += CHUNK, k++) chunks[k % threads]!.push([from, from + CHUNK]);

const workers = chunks.map((mine) => new Worker(SOURCE, { eval: true, workerData: { sqlite, file, logId, chunks: mine } }));
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
const t0 = performance.now();
const done = await Promise.all(
  workers.map(
    (w) =>
      new Promise<{ entries: number; hashes: number }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage('go');
      }),
  ),
);
const ms = performance.now() - t0;
await Promise.all(workers.map((w) => w.terminate()));
console.log(JSON.stringify({ entries: done.reduce((a, d) => a + d.entries, 0), hashes: done.reduce((a, d) => a + d.hashes, 0), ms }));
