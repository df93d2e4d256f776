/**
 * The languages the pages speak and how one is chosen: the reader's own choice (the switch, remembered on
 * this device) first, then the browser's languages in order, then English. Chinese of any region is read
 * as Simplified Chinese, the one Chinese script the catalogues have.
 */
export type LanguageCode = "en" | "fr" | "de" | "es" | "zh-Hans" | "ar";

export type Language = { code: LanguageCode; /** The language's name in itself, for the switch. */ name: string; dir: "ltr" | "rtl" };

export const LANGUAGES: readonly Language[] = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "zh-Hans", name: "简体中文", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
];

export const DEFAULT_LANGUAGE: LanguageCode = "en";

/** A BCP 47 tag ("fr-CA", "zh-CN", "ar-EG") as one of ours, if any. */
export function languageOf(tag: string): LanguageCode | undefined {
  const base = tag.toLowerCase().split("-")[0];
  if (base === "zh") return "zh-Hans";
  return LANGUAGES.find((language) => language.code === base)?.code;
}

/** The reader's stored choice if it is still one of ours, else the first of the browser's languages we speak. */
export function chooseLanguage(stored: string | null | undefined, preferred: readonly string[]): LanguageCode {
  const chosen = LANGUAGES.find((language) => language.code === stored)?.code;
  return chosen ?? preferred.map(languageOf).find((code) => code !== undefined) ?? DEFAULT_LANGUAGE;
}

export const languageInfo = (code: LanguageCode): Language => LANGUAGES.find((language) => language.code === code)!;
