/**
 * A page's own words (customs mode, the licence page): a catalogue set of its own under
 * catalogues/<page>/<code>.json, beside the shared one that i18n.ts loads. Each page's catalogues are
 * chunks of their own, fetched only for the active language and only by the page that draws them, so
 * that the verifier does not carry the customs desk's words nor any page another language's.
 */
import { activeLanguage, fill, readerLanguage, translateDocument, useLanguage } from "./i18n.ts";
import { mountLanguageSwitch } from "./language-switch.ts";
import { formatNumber, pluralCategory } from "./intl.ts";
import type { LanguageCode } from "./languages.ts";

/** The base of the keys `<base>.one` / `<base>.other` English has for a message with a count. */
export type PluralBase<English> = { [K in keyof English & string]: K extends `${infer Base}.other` ? Base : never }[keyof English & string];

type Loaders<English> = Record<Exclude<LanguageCode, "en">, () => Promise<{ default: Partial<English> }>>;

export type PageWords<English extends Record<string, string>> = {
  /** Fetches the active language's catalogue; call it after `useLanguage`, before drawing. */
  load(): Promise<void>;
  /** The active language's message for `key`, English where its catalogue lacks it. */
  t(key: keyof English & string, params?: Record<string, string | number>): string;
  /**
   * A message about `count` things: `<base>.<category>` for the active language's plural category
   * (Intl.PluralRules: Arabic has six, Chinese one), else `<base>.other`; `{count}` is the number as the
   * reader's locale writes it.
   */
  plural(base: PluralBase<English>, count: number, params?: Record<string, string | number>): string;
  /** Elements marked `data-i18n="key"` with one of this page's keys get its text (the HTML holds the English). */
  translateDocument(root?: ParentNode): void;
};

export function pageWords<English extends Record<string, string>>(english: English, loaders: Loaders<English>): PageWords<English> {
  let words: Partial<English> = english;
  const t = (key: keyof English & string, params: Record<string, string | number> = {}) => fill(words[key] ?? english[key]!, params);
  const plural = (base: string, count: number, params: Record<string, string | number> = {}) => {
    const lookup = (key: string) => (words as Record<string, string | undefined>)[key];
    const template = lookup(`${base}.${pluralCategory(count)}`) ?? lookup(`${base}.other`) ?? (english as Record<string, string>)[`${base}.other`]!;
    return fill(template, { ...params, count: formatNumber(count) });
  };
  return {
    plural,
    async load() {
      const code = activeLanguage();
      words = code === "en" ? english : { ...(await loaders[code]()).default };
    },
    t,
    translateDocument(root: ParentNode = document) {
      for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
        const key = element.dataset.i18n!;
        if (key in english) element.textContent = t(key);
      }
      for (const element of root.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
        const key = element.dataset.i18nLabel!;
        if (key in english) element.setAttribute("aria-label", t(key));
      }
    },
  };
}

/**
 * The reader's language before a page draws anything: the shared catalogue first (lang, dir, the switch's
 * words), then the page's own; English wherever a catalogue cannot be fetched.
 */
export async function openInReaderLanguage<English extends Record<string, string>>(words: PageWords<English>, switchSlot: HTMLElement): Promise<void> {
  await useLanguage(readerLanguage()).catch(() => useLanguage("en"));
  await words.load().catch(() => undefined);
  translateDocument();
  words.translateDocument();
  mountLanguageSwitch(switchSlot);
}
