/**
 * The pages' words, from one message catalogue per language (catalogues/<code>.json, flat keys, `{name}`
 * placeholders). English is part of the script: it is the first paint and the fallback for a key a
 * catalogue lacks. Any other language is a chunk of its own, fetched only when it is the active one, so the
 * verifier's script stays within its budget whatever the number of languages. Dates, numbers and country
 * names are not in the catalogues: Intl writes them in the active language.
 */
import en from "./catalogues/en.json" with { type: "json" };
import { chooseLanguage, DEFAULT_LANGUAGE, languageInfo, languageOf, type LanguageCode } from "./languages.ts";

export type MessageKey = keyof typeof en;
type Catalogue = Partial<Record<MessageKey, string>>;

const STORAGE_KEY = "veritrace.language";

/** One import per language, written out so that the bundler makes each a chunk of its own. */
const LOADERS: Record<Exclude<LanguageCode, "en">, () => Promise<{ default: Catalogue }>> = {
  fr: () => import("./catalogues/fr.json", { with: { type: "json" } }),
  de: () => import("./catalogues/de.json", { with: { type: "json" } }),
  es: () => import("./catalogues/es.json", { with: { type: "json" } }),
  "zh-Hans": () => import("./catalogues/zh-Hans.json", { with: { type: "json" } }),
  ar: () => import("./catalogues/ar.json", { with: { type: "json" } }),
};

let active: LanguageCode = DEFAULT_LANGUAGE;
let catalogue: Catalogue = en;

/** The active language's message for `key`, its `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(catalogue[key] ?? en[key], params);
}

/** `template` with its `{name}` placeholders filled from `params`; an unknown name stays as written. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The locale Intl writes dates, numbers and country names in: the reader's own browser locale when it is
 * of the active language (a British reader of English gets "6 December 2026"), else the language itself.
 * Undefined in Node, where tests use the runtime's locale.
 */
export function locale(): string | undefined {
  if (typeof navigator === "undefined" || typeof document === "undefined") return undefined;
  return (navigator.languages ?? [navigator.language]).find((tag) => languageOf(tag) === active) ?? active;
}

export const activeLanguage = (): LanguageCode => active;

/** Makes `code` the active language: its catalogue fetched, the document's lang and direction set. */
export async function useLanguage(code: LanguageCode): Promise<void> {
  catalogue = code === "en" ? en : { ...(await LOADERS[code]()).default };
  active = code;
  document.documentElement.lang = code;
  document.documentElement.dir = languageInfo(code).dir;
}

/** The language this reader gets: the one they chose here before, else their browser's. */
export function readerLanguage(): LanguageCode {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the browser's languages still choose.
  }
  return chooseLanguage(stored, navigator.languages ?? [navigator.language]);
}

export function rememberLanguage(code: LanguageCode): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered; chosen for this page only.
  }
}

/**
 * Every element marked `data-i18n="key"` gets its text from the catalogue, `data-i18n-label` its aria-label
 * (the HTML holds the English). Keys of a page's own catalogue are left to its `pageWords` (page-words.ts).
 */
export function translateDocument(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    if (element.dataset.i18n! in en) element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
    if (element.dataset.i18nLabel! in en) element.setAttribute("aria-label", t(element.dataset.i18nLabel as MessageKey));
  }
}
