/**
 * The visible language switch: a select listing each language in itself. A choice is remembered on this
 * device and the page opens again in it, so that every word already on screen changes together.
 */
import { h } from "../console/dom.ts";
import { activeLanguage, rememberLanguage, t } from "./i18n.ts";
import { LANGUAGES, type LanguageCode } from "./languages.ts";

export function mountLanguageSwitch(container: HTMLElement): void {
  const select = h("select", { id: "language", "aria-label": t("language.label") }, ...LANGUAGES.map(({ code, name }) => h("option", { value: code, lang: code }, name)));
  select.value = activeLanguage();
  select.addEventListener("change", () => {
    rememberLanguage(select.value as LanguageCode);
    location.reload();
  });
  container.append(h("label", { class: "language-switch" }, select));
}
