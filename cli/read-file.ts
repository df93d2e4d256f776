/** A local file the command needs, read whole; a missing or unreadable one is the user's to fix (exit code of LocalFileError). */
import { readFile } from "node:fs/promises";
import { LocalFileError } from "./errors.ts";

export async function readLocalFile(file: string, option: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new LocalFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error, field: option });
  }
}
