/**
 * The API key of the signed-in organisation, in `sessionStorage` only: it lives as long as the tab and is
 * never written to disk for later sessions. Storage can be switched off by policy, so every access is
 * guarded; the console then simply asks for the key again on reload.
 */
const STORAGE_KEY = "veritrace.console.apiKey";

export function storedApiKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeApiKey(apiKey: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, apiKey);
  } catch {
    // Not kept: the console still works until the page is reloaded.
  }
}

export function forgetApiKey(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
