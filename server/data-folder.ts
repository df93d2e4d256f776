/**
 * The data folder holds the database (and its -wal and -shm files), the master key, deployment records and
 * the local chain's state: its owner's only. The folder is made 0700 and every file in it 0600; a folder
 * made before (or by hand, or restored from a backup) is brought to those modes at start, and each change
 * is logged so an operator sees what was open.
 */
import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";

export const DATA_FOLDER_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

export type ModeChange = { path: string; from: string; to: string };

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Makes the folder if needed and takes group and other access away from it and the files in it. */
export async function secureDataFolder(dir: string, logger: Logger): Promise<ModeChange[]> {
  await mkdir(dir, { recursive: true, mode: DATA_FOLDER_MODE });
  const changes: ModeChange[] = [];
  const restrict = async (file: string, mode: number) => {
    const current = (await lstat(file)).mode & 0o777;
    if ((current & 0o077) === 0) return;
    await chmod(file, mode);
    changes.push({ path: file, from: octal(current), to: octal(mode) });
  };
  await restrict(dir, DATA_FOLDER_MODE);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Symbolic links are left alone: chmod would change whatever they point to, maybe outside the folder.
    if (entry.isFile()) await restrict(path.join(dir, entry.name), DATA_FILE_MODE);
  }
  if (changes.length > 0) logger.warn({ changes }, "data folder was readable by others; restricted to its owner");
  return changes;
}
