/**
 * The message catalogues (app/i18n/catalogues/): every language has every key English has, with the same
 * placeholders, and no words a page draws bypass them. The scan reads the page sources for string literals
 * that hold words (two words or more of letters) outside comments, imports, error and reason messages (the
 * precise record, in English like the API and the CLI) and class names; files still to be translated are
 * listed by name, so that the list only shrinks.
 */
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chooseLanguage, LANGUAGES } from "../../app/i18n/languages.ts";
import { REASON_COPY } from "../../app/verifier/verdict-copy.ts";

const APP = new URL("../../app/", import.meta.url).pathname;
const CATALOGUES = path.join(APP, "i18n/catalogues");
/** A catalogue of the shared set ("") or of a page's own set (catalogues/<page>/, app/i18n/page-words.ts). */
const catalogue = (code: string, set = ""): Record<string, string> => JSON.parse(readFileSync(path.join(CATALOGUES, set, `${code}.json`), "utf8"));
const SETS = ["", ...readdirSync(CATALOGUES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
/** A plural form (page-words.ts `plural`): `<base>.<CLDR category>`, whose English is `<base>.other`. */
const PLURAL_FORM = /^(.+)\.(zero|one|two|few|many|other)$/;
/** The English a key of a language is held to: its own, or for an extra plural form (Arabic's "few") its base's "other". */
const englishOf = (setEnglish: Record<string, string>, key: string): string | undefined => {
  if (key in setEnglish) return setEnglish[key];
  const base = PLURAL_FORM.exec(key)?.[1];
  return base === undefined ? undefined : setEnglish[`${base}.other`];
};

/** Page sources whose words are not in the catalogues yet: none since issue 14; a file may never join without a reason. */
const NOT_YET_TRANSLATED: string[] = [];

/** Literals with words that are not prose a reader sees (class names). */
const NOT_PROSE = [/^result tone-/, /^offline-check/, /^verdict-/, /^[a-z-]+( [a-z-]+)*$/];

/** String literals holding two or more words, outside comments and import lines. */
function wordyLiterals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    // Errors and reasons' messages are the precise record, in English like the API and the CLI (core/verdict.ts).
    // The developer console is not the page: its warnings stay in English.
    .filter((line) => !/^\s*(\/\/|import |export \{)|new Error\(|\bmessage: |console\.\w+\(/.test(line))
    .map((line) => line.replace(/\s\/\/ .*$/, ""))
    .join("\n");
  const literals = [...code.matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((match) => match[1] ?? match[2] ?? "");
  return literals
    .map((literal) => literal.replace(/\$\{[^}]*\}/g, " "))
    .filter((literal) => /\p{L}{2,}[,.:;!?'’]?\s+\p{L}{2,}/u.test(literal))
    .filter((literal) => !NOT_PROSE.some((pattern) => pattern.test(literal.trim())));
}

function pageSources(dir: string): string[] {
  return readdirSync(path.join(APP, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageSources(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

describe("app/i18n message catalogues", function () {
  const english = catalogue("en");

  for (const set of SETS) {
    const setEnglish = catalogue("en", set);
    for (const { code } of LANGUAGES) {
      it(`${set || "shared"} ${code}: has exactly English's keys, none empty, each with English's placeholders`, function () {
        const words = catalogue(code, set);
        // Every English key, and beyond them only the plural forms the language has (Arabic: two, few, many).
        expect(Object.keys(setEnglish).filter((key) => !(key in words)), "missing").to.deep.equal([]);
        expect(Object.keys(words).filter((key) => englishOf(setEnglish, key) === undefined), "not in English").to.deep.equal([]);
        for (const [key, text] of Object.entries(words)) {
          expect(text.trim(), key).not.to.equal("");
          // A plural form may spell its number out ("رمزين", two codes): {count} may be left out, nothing else.
          const expected = placeholders(englishOf(setEnglish, key)!).filter((name) => !PLURAL_FORM.test(key) || name !== "count");
          expect(placeholders(text).filter((name) => !PLURAL_FORM.test(key) || name !== "count"), key).to.deep.equal(expected);
        }
      });
    }
  }

  it("has a sentence for every reason code, with and without its detail", function () {
    for (const [code, copy] of Object.entries(REASON_COPY)) {
      expect(copy.headline(undefined), code).to.be.a("string").and.not.match(/^reason\./);
      expect(copy.headline("2026-12-06"), code).to.be.a("string").and.not.match(/^reason\.|\{/);
    }
  });

  /** The catalogue set a page source's `t("…")` reads: its page's own (page-words.ts), else the shared one. */
  const setOf = (file: string) => (file.startsWith("verifier/customs/") ? "customs" : file.startsWith("licences/") ? "licences" : "");
  const namedKeys = (file: string) => [...readFileSync(path.join(APP, file), "utf8").matchAll(/\b(?:t|plural)\("([\w.-]+)"/g)].map((match) => match[1]!);

  it("every key the page code names exists in English, in the set the file reads", function () {
    const files = [...pageSources("verifier"), ...pageSources("i18n"), ...pageSources("licences")];
    for (const set of new Set(files.map(setOf))) {
      if (!SETS.includes(set)) continue;
      const setEnglish = catalogue("en", set);
      const named = files.filter((file) => setOf(file) === set).flatMap(namedKeys);
      expect(named.length, set || "shared").to.be.greaterThan(40);
      for (const key of named) expect(key in setEnglish || `${key}.other` in setEnglish, `${set || "shared"}: ${key}`).to.equal(true);
    }
  });

  it("every data-i18n key of a page's HTML exists in English, in its own set or the shared one", function () {
    for (const [html, set] of [["verifier/index.html", ""], ["verifier/customs/index.html", "customs"], ["licences/index.html", "licences"]] as const) {
      const keys = [...readFileSync(path.join(APP, html), "utf8").matchAll(/data-i18n(?:-label)?="([\w.-]+)"/g)].map((match) => match[1]!);
      expect(keys.length, html).to.be.greaterThan(5);
      for (const key of keys) expect(key in catalogue("en", set) || key in english, `${html}: ${key}`).to.equal(true);
    }
  });

  it("no words a page draws bypass the catalogues, outside the files listed as not yet translated", function () {
    const offenders = [...pageSources("verifier"), ...pageSources("licences"), ...pageSources("i18n")]
      .filter((file) => wordyLiterals(readFileSync(path.join(APP, file), "utf8")).length > 0)
      .sort();
    const regressions = offenders.filter((file) => !NOT_YET_TRANSLATED.includes(file));
    expect(
      Object.fromEntries(regressions.map((file) => [file, wordyLiterals(readFileSync(path.join(APP, file), "utf8"))])),
      "words outside the catalogues",
    ).to.deep.equal({});
    // A file translated since leaves the list.
    expect(NOT_YET_TRANSLATED.filter((file) => !offenders.includes(file)), "translated files still listed").to.deep.equal([]);
  });

  it("chooses the reader's stored choice, else the first of the browser's languages it speaks, else English", function () {
    expect(chooseLanguage(null, ["fr-CA", "en"])).to.equal("fr");
    expect(chooseLanguage(null, ["sw", "de-AT"])).to.equal("de");
    expect(chooseLanguage(null, ["zh-TW"])).to.equal("zh-Hans");
    expect(chooseLanguage(null, ["ar-EG"])).to.equal("ar");
    expect(chooseLanguage(null, ["sw", "ja"])).to.equal("en");
    expect(chooseLanguage("es", ["fr"])).to.equal("es");
    expect(chooseLanguage("xx", ["fr"])).to.equal("fr");
  });
});
