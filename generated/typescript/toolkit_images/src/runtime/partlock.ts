// Copied by generator 0.1.0 from templates/typescript/runtime/partlock.ts. Do not edit.
/**
 * The lock of a resumable download's part (Node): `<part>.lock`, held for the whole transfer.
 *
 * The lock is created with O_EXCL and holds the decimal id of the process that holds it (as
 * the Go and Python clients write it, so a folder they share is locked alike). A second
 * download of the same file (in this process or another) fails with "another download of this
 * file is in progress" instead of writing into the same part.
 *
 * A lock left by a process that has ended (killed, crashed) is taken over: a lock naming a
 * process that no longer exists; a lock that is not a regular file, or whose text is not a
 * process id and that is older than `LOCK_GRACE_MS` (a holder writes its id just after
 * creating the file); and a lock naming this process's id that this process does not hold and
 * that is older than this process (left by an earlier process that had the same id, as the
 * first process of a restarted container has; a newer one may be a worker thread's). A lock
 * naming another running process, or that this process may not read, is never taken.
 *
 * Of several downloads finding the same stale lock, one takes it over: takers take turns (the
 * one that creates `<lock>.takeover` with O_EXCL; the others give up), so no taker removes a
 * lock another has just made. In its turn a taker judges the lock again, renames it to a name
 * of its own and checks that it moved the file it judged (the same file, unmodified: a new file
 * may get the number of one just removed); if not (a client that takes no turns replaced it),
 * it puts the file back.
 */

import { DownloadError } from "./errors.js";
import { nodeModules, randomSuffix } from "./files.js";

export const IN_PROGRESS = "another download of this file is in progress";
/** How old a lock without a process id must be to be taken over. */
export const LOCK_GRACE_MS = 10_000;
const MAX_PID = 2 ** 31 - 1;

type Stats = import("node:fs").BigIntStats;

/** A lock file this process created and holds until `release`. */
export class PartLock {
  constructor(
    readonly path: string,
    /** The file created, so release removes no later holder's lock. */
    readonly made: Stats | undefined,
  ) {}

  /** Remove the lock file (unless another holder's lock has replaced it), then count it held no more. */
  async release(): Promise<void> {
    if (!held.has(this)) return;
    try {
      const { fs } = await nodeModules();
      if (this.made !== undefined) {
        const now = await fs.lstat(this.path, { bigint: true }).catch(() => undefined);
        if (now === undefined || !sameFile(now, this.made)) return;
      }
      await fs.rm(this.path, { force: true }).catch(() => undefined);
    } finally {
      held.delete(this);
    }
  }
}

/** The locks this process holds: a lock file naming this process is its own when it is one of them. */
const held = new Set<PartLock>();

/** The error of a download refused because another holds its part. */
export async function inProgress(target: string, detail = ""): Promise<DownloadError> {
  const { path } = await nodeModules();
  return new DownloadError(`download of ${path.basename(target)} failed: ${IN_PROGRESS}${detail ? ` (${detail})` : ""}`);
}

/** Take `<part>.lock`, or fail with "in progress" when another download holds it; a stale lock is taken over once. */
export async function lockPart(part: string, target: string): Promise<PartLock> {
  const lock = part + ".lock";
  let holder = "";
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      return await createLock(lock);
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    if (tries > 0) break;
    const outcome = await takeOver(lock);
    holder = outcome.holder;
    if (!outcome.stale) break;
  }
  throw await inProgress(target, `its lock ${lock} is held${holder}; remove it if no download runs`);
}

/** Create the lock holding this process's id; it is counted held before its id is written. */
async function createLock(path: string): Promise<PartLock> {
  const { fs } = await nodeModules();
  const handle = await fs.open(path, "wx", 0o600);
  let lock: PartLock | undefined;
  try {
    lock = new PartLock(path, await handle.stat({ bigint: true }).catch(() => undefined));
    held.add(lock);
    await handle.writeFile(String(process.pid));
    await handle.close();
    return lock;
  } catch (error) {
    if (lock !== undefined) held.delete(lock);
    await handle.close().catch(() => undefined);
    await fs.rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
}

interface Judged {
  /** The file judged (undefined when there is none any more, or it could not be read). */
  readonly seen?: Stats | undefined;
  /** Who holds it, for the message (" by process 42"). */
  readonly holder: string;
  readonly stale: boolean;
}

/** Remove the lock at `path` when it is stale (or gone already) and say so; otherwise name its holder. */
async function takeOver(path: string): Promise<Judged> {
  const judged = await judgeLock(path);
  if (!judged.stale) return judged;
  const { fs } = await nodeModules();
  const turn = path + ".takeover";
  try {
    await (await fs.open(turn, "wx", 0o600)).close();
  } catch (error) {
    if (errorCode(error) === "EEXIST") {
      const found = await fs.lstat(turn).catch(() => undefined);
      // left by a taker that ended in its turn: the next download takes over
      if (found !== undefined && Date.now() - found.mtimeMs > LOCK_GRACE_MS) await fs.rm(turn, { force: true }).catch(() => undefined);
    }
    return { holder: "", stale: false };
  }
  try {
    return await takeInTurn(path);
  } finally {
    await fs.rm(turn, { force: true }).catch(() => undefined);
  }
}

/** In the taker's turn: judge the lock again, and move it aside only if it is still the file judged. */
async function takeInTurn(path: string): Promise<Judged> {
  const judged = await judgeLock(path);
  if (!judged.stale || judged.seen === undefined) return judged;
  const { fs } = await nodeModules();
  const aside = `${path}.${randomSuffix()}.stale`;
  try {
    await fs.rename(path, aside);
  } catch (error) {
    return { holder: "", stale: errorCode(error) === "ENOENT" };
  }
  const moved = await fs.lstat(aside, { bigint: true }).catch(() => undefined);
  if (moved !== undefined && sameFile(moved, judged.seen) && moved.mtimeNs === judged.seen.mtimeNs) {
    await fs.rm(aside, { force: true }).catch(() => undefined);
    return { holder: "", stale: true };
  }
  try {
    // not the file judged: put it back, unless a new lock is there already
    await fs.link(aside, path);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") {
      await fs.rename(aside, path).catch(() => undefined);
      return { holder: "", stale: false };
    }
  }
  await fs.rm(aside, { force: true }).catch(() => undefined);
  return { holder: "", stale: false };
}

/** Whether the lock at `path` is stale, with the file judged and its holder. */
async function judgeLock(path: string): Promise<Judged> {
  const { fs, syncFs } = await nodeModules();
  let info: Stats;
  try {
    info = await fs.lstat(path, { bigint: true });
  } catch (error) {
    return { holder: "", stale: errorCode(error) === "ENOENT" };
  }
  // never made by a download (a symlink planted there)
  if (!info.isFile()) return { seen: info, holder: "", stale: true };
  let text: string;
  try {
    const handle = await fs.open(path, syncFs.constants.O_RDONLY | (syncFs.constants.O_NOFOLLOW ?? 0));
    try {
      info = await handle.stat({ bigint: true });
      const { bytesRead, buffer } = await handle.read(new Uint8Array(32), 0, 32, 0);
      text = new TextDecoder().decode(buffer.subarray(0, bytesRead)).trim();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // gone: stale; another user's lock, or unreadable: its holder may run
    return { holder: "", stale: errorCode(error) === "ENOENT" };
  }
  const pid = /^[0-9]{1,10}$/.test(text) ? Number(text) : 0;
  if (pid <= 0 || pid > MAX_PID) return { seen: info, holder: "", stale: Date.now() - Number(info.mtimeMs) > LOCK_GRACE_MS };
  const holder = ` by process ${pid}`;
  if (pid === process.pid) {
    // an earlier process's with this id, unless this process (or one of its worker threads) may have made it
    const ours = holds(path, info) || Number(info.mtimeMs) >= Date.now() - process.uptime() * 1000;
    return ours ? { seen: info, holder: " by this process", stale: false } : { seen: info, holder, stale: true };
  }
  return { seen: info, holder, stale: processGone(pid) };
}

/** Whether the lock file at `path`, found as `info`, is one this process holds. */
function holds(path: string, info: Stats): boolean {
  for (const lock of held) {
    if (lock.made !== undefined && lock.made.ino !== 0n ? sameFile(lock.made, info) : lock.path === path) return true;
  }
  return false;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether no process with the id `pid` exists (signal 0 sends nothing: it only checks); another user's (EPERM) exists. */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) === "ESRCH";
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}
