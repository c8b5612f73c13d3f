import fs from 'node:fs';
import path from 'node:path';

/**
 * An exclusive lock on the data directory: a file created with O_EXCL holding our PID.
 * A lock left by a process that no longer runs is taken over; a live one is refused.
 */
export class DataDirLocked extends Error {}

export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'entente.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      // Our own pid in the file is a lock left by an earlier run under the same pid (a
      // container's pid 1), not a live holder.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLocked(
          `the data directory ${dataDir} is in use by another Entente process (pid ${pid}); stop it first or set DATA_DIR to another directory`,
        );
      }
      fs.unlinkSync(file); // stale: its process is gone
    }
  }
  throw new DataDirLocked(`could not lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
