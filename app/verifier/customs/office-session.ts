/**
 * The office's API key, in `sessionStorage` only: it lasts as long as the tab, is never written to disk
 * for a later visit, and stays apart from the brand console's key. Storage can be switched off by policy;
 * the page then asks for the key again on reload.
 */
const KEY = "veritrace.customs.apiKey";

export const officeKey = {
  read(): string | undefined {
    try {
      return sessionStorage.getItem(KEY) ?? undefined;
    } catch {
      return undefined;
    }
  },
  write(apiKey: string | undefined): void {
    try {
      if (apiKey === undefined) sessionStorage.removeItem(KEY);
      else sessionStorage.setItem(KEY, apiKey);
    } catch {
      // Not kept: this page still works until it is reloaded.
    }
  },
};
