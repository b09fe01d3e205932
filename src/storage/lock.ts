import { openSync, writeSync, closeSync, readFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * PGlite has no lock between processes: two writers on one data dir silently
 * lose data. Every process that opens a data dir takes this exclusive lock
 * file first; a second one exits with a message naming the holder.
 */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = (path: string): Holder | undefined => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
};

export const lockDataDir = (dir: string, command: string): DataDirLock => {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'relais.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const holder: Holder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const h = readHolder(path);
          if (h?.pid === process.pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      // A lock left by a process that died (same host, pid gone) is stale: take it over.
      if (holder && holder.host === hostname() && !isAlive(holder.pid)) {
        try {
          unlinkSync(path);
        } catch {
          // another process took it over first; the next attempt will say so
        }
        continue;
      }
      const who = holder
        ? `process ${holder.pid} on ${holder.host} (relais ${holder.command}, since ${holder.since})`
        : 'another process';
      throw new AppError(
        'unavailable',
        `The data directory ${dir} is in use by ${who}. Stop that process first, or point RELAIS_DATA_DIR at another directory. If no such process exists, delete ${path}.`,
      );
    }
  }
  throw new AppError('unavailable', `Could not lock the data directory ${dir}.`);
};
