// One `check` at a time per database (cron overlaps). A lock file beside the database holds the
// owner's pid, host and start time. A lock whose process is gone (killed run) is taken over at once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LockedError, StoreError } from "../errors.js";

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface Lock {
  file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readInfo(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null; // half-written or gone
  }
}

function tryCreate(file: string, info: LockInfo): boolean {
  try {
    const fd = fs.openSync(file, "wx", 0o600);
    fs.writeSync(fd, JSON.stringify(info));
    fs.closeSync(fd);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code === "EACCES" || code === "EROFS" || code === "EPERM") {
      throw new StoreError(
        `cannot create the lock ${file} (${code}): check the database folder's permissions`,
      );
    }
    throw err;
  }
}

/** Take the lock, or throw LockedError naming who holds it since when. `waitMs` > 0 waits for it. */
export async function acquireLock(
  dbFile: string,
  command: string,
  waitMs = 0,
  now: () => Date = () => new Date(),
): Promise<Lock> {
  const file = `${dbFile}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: now().toISOString(), command };
    if (tryCreate(file, info)) {
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          const current = readInfo(file);
          if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    }
    const holder = readInfo(file);
    const stale = holder != null && holder.host === os.hostname() && !alive(holder.pid);
    if (stale || holder == null) {
      // A killed run left it behind (or it is unreadable): remove it and try again. Two runs racing
      // here both remove and both try `wx`; only one creates the file.
      const age =
        holder == null ? Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) : Infinity;
      if (stale || age > 5000) {
        fs.rmSync(file, { force: true });
        continue;
      }
    }
    if (Date.now() >= deadline) {
      const since = holder?.startedAt ? ` since ${holder.startedAt}` : "";
      const who = holder ? ` (pid ${holder.pid} on ${holder.host}${since})` : "";
      throw new LockedError(
        `another "reviews ${holder?.command ?? "check"}" is running on this database${who}: wait for it to finish, or pass --wait`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(500, Math.max(50, deadline - Date.now()))));
  }
}
