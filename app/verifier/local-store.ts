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
