/**
 * The licence page's entry point. "Check a licence": the form is checked field by field, then the page asks
 * the LicenceRegistry itself (isLicensed, getLicence up to the root) and shows the answer. "Notices
 * register": the page reads NoticeFiled / NoticeAnswered events and getNotice from the chain. The service
 * is asked only where the registry is (GET /api/v1/network); fields can be filled from the URL
 * (?work=&licensee=&platform=&country=&at=).
 */
import { createAnnouncer } from "../console/announcer.ts";
import { byId } from "../console/dom.ts";
import { openInReaderLanguage } from "../i18n/page-words.ts";
import { formatNumber } from "../i18n/intl.ts";
import { RpcUrlError, saveRpcUrl } from "../verifier/rpc-setting.ts";
import { parseAccount, parseCheck, parseHash, parsePlatform, type CheckFields } from "./check-input.ts";
import { hideCheckResult, showCheckResult } from "./check-result.ts";
import { sha256OfFile } from "./file-hash.ts";
import { licenceChainFor, type NoticeFilter } from "./licence-chain.ts";
import { describeLicenceNetwork, loadLicenceNetwork, withSavedLicenceRpc, type LicenceNetwork } from "./licence-network.ts";
import { noticeCard } from "./notices-view.ts";
import { createTabs } from "./tabs.ts";
import { plural, t, words } from "./words.ts";

await openInReaderLanguage(words, byId("language-slot"));
document.title = t("page.title");

const announcer = createAnnouncer(byId("notice"), byId("alert"));
let network: Promise<LicenceNetwork> = loadLicenceNetwork();
const input = (id: string) => byId<HTMLInputElement>(id);
const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

/** Shows (or clears) a field's message and marks the field for assistive technology. */
function fieldError(field: string, message: string | undefined): void {
  const element = byId(`${field}-error`);
  element.textContent = message ?? "";
  element.hidden = message === undefined;
  const control = document.getElementById(field);
  if (message === undefined) control?.removeAttribute("aria-invalid");
  else control?.setAttribute("aria-invalid", "true");
}

// ---- Check a licence -------------------------------------------------------------------------------------

const CHECK_FIELDS = ["work", "licensee", "platform", "country", "at"] as const;

byId<HTMLFormElement>("check-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = Object.fromEntries(CHECK_FIELDS.map((name) => [name, input(name).value])) as CheckFields;
  const parsed = parseCheck(fields);
  for (const name of CHECK_FIELDS) fieldError(name, parsed.ok ? undefined : parsed.errors[name]);
  if (!parsed.ok) {
    hideCheckResult();
    const wrong = CHECK_FIELDS.filter((name) => parsed.errors[name] !== undefined);
    announcer.assertive(t("status.notChecked", { errors: wrong.map((name) => parsed.errors[name]).join(". ") }));
    input(wrong[0]!).focus();
    return;
  }
  announcer.polite(t("status.asking"));
  try {
    const current = await network;
    const answer = await licenceChainFor(current).check(parsed.query);
    const spoken = showCheckResult({ query: parsed.query, answer, network: current, platformName: parsed.platformName });
    announcer.polite(spoken);
    byId("check-result").focus();
  } catch (error) {
    hideCheckResult();
    announcer.assertive(t("status.checkFailed", { error: firstLine(error) }));
  }
});

input("work-file").addEventListener("change", async () => {
  const file = input("work-file").files?.[0];
  const status = byId("work-file-status");
  if (!file) return;
  status.textContent = t("file.computing", { file: file.name });
  try {
    input("work").value = await sha256OfFile(file);
    status.textContent = t("file.computed", { file: file.name, size: formatNumber(file.size) });
    fieldError("work", undefined);
  } catch (error) {
    status.textContent = t("file.unreadable", { error: firstLine(error) });
  }
});

// ---- The notices register --------------------------------------------------------------------------------

const FILTERS = [
  ["filter-work", (value: string) => parseHash(value)],
  ["filter-holder", (value: string) => parseAccount(value, "holder")],
  ["filter-platform", (value: string) => parsePlatform(value)],
] as const;

async function showNotices(): Promise<void> {
  const filter: NoticeFilter = {};
  let bad = false;
  for (const [field, parse] of FILTERS) {
    const value = input(field).value;
    const parsed = value.trim() === "" ? undefined : parse(value);
    fieldError(field, parsed && "error" in parsed ? parsed.error : undefined);
    if (parsed === undefined) continue;
    if ("error" in parsed) bad = true;
    else if (field === "filter-work") filter.workId = parsed.value as NoticeFilter["workId"];
    else if (field === "filter-holder") filter.rightsHolder = parsed.value as NoticeFilter["rightsHolder"];
    else filter.platformId = (parsed.value as { platformId: NonNullable<NoticeFilter["platformId"]> }).platformId;
  }
  const status = byId("notices-status");
  if (bad) {
    announcer.assertive(t("notices.badFilter"));
    return;
  }
  status.textContent = t("notices.reading");
  try {
    const current = await network;
    const { notices, chainId, blockNumber } = await licenceChainFor(current).notices(filter);
    byId("notices").replaceChildren(...notices.map(noticeCard));
    const filtered = Boolean(filter.workId || filter.rightsHolder || filter.platformId);
    const count =
      notices.length === 0
        ? filtered ? t("notices.noneFiltered") : t("notices.none")
        : plural(filtered ? "notices.countFiltered" : "notices.count", notices.length);
    status.textContent = t("notices.status", { count, network: describeLicenceNetwork(current), chainId, block: formatNumber(blockNumber) });
  } catch (error) {
    byId("notices").replaceChildren();
    status.textContent = t("notices.unreadable", { error: firstLine(error) });
  }
}

byId<HTMLFormElement>("notice-filter").addEventListener("submit", (event) => {
  event.preventDefault();
  void showNotices();
});

// ---- Tabs, settings, the URL -----------------------------------------------------------------------------

const tabs = createTabs(document.querySelector<HTMLElement>('[role="tablist"]')!);
let registerRead = false;
tabs.onSelect((name) => {
  if (name === "notices" && !registerRead) {
    registerRead = true;
    void showNotices();
  }
});

const describeNetwork = async () => {
  try {
    const current = await network;
    byId("network-info").textContent = `${describeLicenceNetwork(current)}.`;
    input("rpc-url").value = current.rpcSource === "yours" ? (current.rpcUrl ?? "") : "";
  } catch (error) {
    byId("network-info").textContent = firstLine(error);
  }
};

byId<HTMLFormElement>("rpc-form").addEventListener("submit", (event) => {
  event.preventDefault();
  try {
    saveRpcUrl(input("rpc-url").value);
  } catch (error) {
    fieldError("rpc", error instanceof RpcUrlError ? error.message : String(error));
    return;
  }
  fieldError("rpc", undefined);
  network = network.then(withSavedLicenceRpc, () => loadLicenceNetwork());
  void describeNetwork();
  announcer.polite(t("settings.saved"));
});

const params = new URLSearchParams(location.search);
for (const name of CHECK_FIELDS) {
  const value = params.get(name);
  if (value !== null) input(name).value = value;
}
void describeNetwork();
const tabOfHash = () => (location.hash === "#notices" ? "notices" : "check");
// A link to #notices from this same page changes only the hash: no reload, so the tab follows it here.
addEventListener("hashchange", () => tabs.select(tabOfHash()));
tabs.select(tabOfHash());
