/**
 * One `npm start` per data folder: its pid in `veritrace.pid`. A second start on the same folder is refused
 * by name (two services on one SQLite file and one chain state would corrupt both); a pid file left by a
 * killed run is taken over, and what that run left running (its anvil) is stopped by `local-chain.ts`.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DataFolderInUseError extends Error {
  override name = "DataFolderInUseError";
}

/** Takes the data folder for this process; released when the process exits. */
export function lockDataFolder(dataDir: string): void {
  const file = path.join(dataDir, "veritrace.pid");
  const holder = livePid(file);
  if (holder !== undefined && holder !== process.pid) {
    throw new DataFolderInUseError(
      `Another Veritrace (pid ${holder}) is running with the data folder ${dataDir}. Stop it first (kill ${holder}), or set DATA_DIR to another folder.`,
    );
  }
  writeFileSync(file, `${process.pid}\n`);
  process.once("exit", () => {
    if (livePid(file) === process.pid) rmSync(file, { force: true });
  });
}

/** The pid in `file` when that process still runs and is a start script (a reused pid is not a holder). */
function livePid(file: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(file, "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("start.ts") ? pid : undefined;
  } catch {
    return pid; // No /proc to tell: a live pid counts.
  }
}
