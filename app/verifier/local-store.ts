/**
 * What this device remembers between visits, in `localStorage`. Storage can be switched off by policy or
 * by private browsing, so every access is guarded: the page then still works, it only forgets.
 */
const PREFIX = "veritrace.verifier.";

export function readStored(key: string): string | undefined {
  try {
    return localStorage.getItem(PREFIX + key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch {
    // Not kept: this visit still works.
  }
}

/** A stored JSON object's entries, in the order written; none when missing or not an object. */
export function readStoredRecord(key: string): Array<[string, unknown]> {
  try {
    const parsed: unknown = JSON.parse(readStored(key) ?? "{}");
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  } catch {
    return [];
  }
}

/** Writes entries as one JSON object, oldest first, so that a capped list drops the oldest. */
export function writeStoredRecord(key: string, entries: ReadonlyArray<readonly [string, unknown]>): void {
  writeStored(key, JSON.stringify(Object.fromEntries(entries)));
}
