/**
 * The customs desk's words (app/i18n/catalogues/customs/): a set of its own, so that the shopper's
 * verifier never carries them, each language a chunk fetched only when it is the active one.
 */
import en from "../../i18n/catalogues/customs/en.json" with { type: "json" };
import { pageWords } from "../../i18n/page-words.ts";

export const words = pageWords(en, {
  fr: () => import("../../i18n/catalogues/customs/fr.json", { with: { type: "json" } }),
  de: () => import("../../i18n/catalogues/customs/de.json", { with: { type: "json" } }),
  es: () => import("../../i18n/catalogues/customs/es.json", { with: { type: "json" } }),
  "zh-Hans": () => import("../../i18n/catalogues/customs/zh-Hans.json", { with: { type: "json" } }),
  ar: () => import("../../i18n/catalogues/customs/ar.json", { with: { type: "json" } }),
});

export const { t, plural } = words;
