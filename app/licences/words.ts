/**
 * The licence page's words (app/i18n/catalogues/licences/): a set of its own, each language a chunk
 * fetched only when it is the active one.
 */
import en from "../i18n/catalogues/licences/en.json" with { type: "json" };
import { pageWords } from "../i18n/page-words.ts";

export const words = pageWords(en, {
  fr: () => import("../i18n/catalogues/licences/fr.json", { with: { type: "json" } }),
  de: () => import("../i18n/catalogues/licences/de.json", { with: { type: "json" } }),
  es: () => import("../i18n/catalogues/licences/es.json", { with: { type: "json" } }),
  "zh-Hans": () => import("../i18n/catalogues/licences/zh-Hans.json", { with: { type: "json" } }),
  ar: () => import("../i18n/catalogues/licences/ar.json", { with: { type: "json" } }),
});

export const { t, plural } = words;
