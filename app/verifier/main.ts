/**
 * The verifier page's entry point: a code from the camera, a photo, a pasted link or the `?code=` the
 * resolver redirects with, checked by this page against the chain, and shown as a result card.
 */
import { createAnnouncer } from "../console/announcer.ts";
import { byId } from "../console/dom.ts";
import { createCameraScanner, CameraError } from "./camera.ts";
import { checkCode, NotAVeritraceCode, type CheckResult } from "./check-code.ts";
import { createCustodyCard } from "./custody-card.ts";
import { createLazyDecoder } from "./lazy-decoder.ts";
import { locationOptedIn, setLocationOptIn, coarseLocation } from "./location.ts";
import { consentToServiceRpc, describeRoot, loadNetwork, withRpc, type Network } from "./network.ts";
import { readRegistration } from "./chain.ts";
import { fetchSellerName } from "./service-api.ts";
import { readerLanguage, t, translateDocument, useLanguage } from "../i18n/i18n.ts";
import { mountLanguageSwitch } from "../i18n/language-switch.ts";
import { addUserRoot } from "./trust-roots.ts";
import { markVerdictShown } from "./perf-marks.ts";
// Installs the page as an app that opens offline (its service worker keeps the page's own files only).
import "./pwa.ts";
import { createOfflineChecks } from "./offline-checks.ts";
import { queueCheck, queuedChecks, unqueueCheck } from "./offline-queue.ts";
import { scheduleRecheck, type Recheck } from "./recheck.ts";
import { createResultCard } from "./result-card.ts";
import { RpcUrlError, saveRpcUrl } from "./rpc-setting.ts";
import { scanSession } from "./session-id.ts";
import { CARD_TEXT, OFFLINE_TEXT, VERDICT_COPY } from "./verdict-copy.ts";

const announcer = createAnnouncer(byId("notice"), byId("alert"));
const card = createResultCard();
const custody = createCustodyCard(byId("custody"), byId("custody-body"));
const decoder = createLazyDecoder();
let network: Promise<Network> = loadNetwork();
/** The URI whose answer the card shows, so that a recheck of that code updates the card too. */
let shownUri: string | undefined;

const notACode = byId("not-a-code");
const showError = (id: string, message: string | undefined) => {
  const element = byId(id);
  element.textContent = message ?? "";
  element.hidden = message === undefined;
};

/** The "Checking this label…" state the HTML opens with gives way to the answer and the scan panel. */
function checked(): void {
  byId("checking").hidden = true;
  byId("scan").hidden = false;
}

function show(result: CheckResult): void {
  checked();
  shownUri = result.uri;
  notACode.hidden = true;
  card.show(result);
  markVerdictShown();
  const copy = VERDICT_COPY[result.verdict.verdict];
  announcer.polite(`${copy.word}. ${byId("verdict-summary").textContent}`);
  byId("result").focus();
  const { batchId, batch } = result.verdict;
  // The transaction shown is the chain's own record of the anchoring, never the service's word.
  if (batchId !== undefined && batch !== undefined) void readRegistration(result.network, batchId).then((found) => found && card.showRegistration(found));
  void custody.show(result);
  // The chain records the seller's account; the service may know whose it is (shown only for that same account).
  const sale = result.verdict.activation;
  if (sale !== undefined) void fetchSellerName(result.uri).then((named) => named?.seller.toLowerCase() === sale.seller.toLowerCase() && card.showSellerName(named.seller, named.name));
}

async function verify(text: string): Promise<void> {
  announcer.polite(t("status.checking"));
  let result: CheckResult;
  try {
    result = await checkCode({ text, network: await network });
  } catch (error) {
    checked();
    card.hide();
    custody.hide();
    if (!(error instanceof NotAVeritraceCode)) {
      announcer.assertive(t("status.checkFailed", { error: error instanceof Error ? error.message : String(error) }));
      return;
    }
    document.title = CARD_TEXT.pageTitle([CARD_TEXT.notACodeTitle]);
    byId("not-a-code-message").textContent = error.message;
    byId("not-a-code-text").textContent = error.text;
    notACode.hidden = false;
    announcer.assertive(error.message);
    notACode.focus();
    return;
  }
  show(result);
  if (result.chainUnreachable) {
    queueCheck({ uri: result.uri, history: result.history, checkedAt: Date.now() });
    recheckQueued();
  } else if (queuedChecks().some((queued) => queued.uri === result.uri)) {
    // Checked again by hand before the page's own recheck came to it: this answer is the recheck's.
    unqueueCheck(result.uri);
    offlineChecks.answered(result);
  }
}

const offlineChecks = createOfflineChecks({ onShow: show });
let recheck: Recheck | undefined;

/**
 * Checks again, in the order they were made, every check the chain could not answer, until all are
 * answered: each answer is listed, and the card updated when it shows that code. The first check the
 * chain still cannot answer ends the attempt; the next trigger starts again from it. Each answered check
 * leaves the queue, so the loop ends.
 */
function recheckQueued(): Recheck | undefined {
  const waiting = queuedChecks();
  offlineChecks.waiting(waiting);
  if (recheck !== undefined || waiting.length === 0) return recheck;
  let answered = 0;
  recheck = scheduleRecheck(async () => {
    // The queue's head each time round, so that a check queued meanwhile is rechecked in the same attempt.
    for (let next = queuedChecks()[0]; next !== undefined; next = queuedChecks()[0]) {
      const { uri, history } = next;
      let again: CheckResult;
      try {
        again = await checkCode({ text: uri, network: await network, history });
      } catch (error) {
        // Not a code at all (a stored entry this page did not write): dropped, so that it never blocks the rest.
        if (!(error instanceof NotAVeritraceCode)) return false;
        unqueueCheck(uri);
        continue;
      }
      if (again.chainUnreachable) return false;
      unqueueCheck(uri);
      answered += 1;
      offlineChecks.answered(again);
      if (again.uri === shownUri) show(again);
    }
    if (answered > 0) announcer.polite(OFFLINE_TEXT.rechecked(answered));
    recheck = undefined;
    return true;
  });
  return recheck;
}

const camera = createCameraScanner({
  video: byId<HTMLVideoElement>("camera"),
  decoder,
  onCode(text) {
    byId("camera-box").hidden = true;
    byId("camera-start").hidden = false;
    void verify(text);
  },
});

byId("camera-start").addEventListener("click", async () => {
  decoder.warm();
  showError("camera-error", undefined);
  byId("camera-box").hidden = false;
  byId("camera-start").hidden = true;
  try {
    await camera.start();
    announcer.polite(t("status.cameraOn"));
  } catch (error) {
    byId("camera-box").hidden = true;
    byId("camera-start").hidden = false;
    showError("camera-error", error instanceof CameraError ? error.message : t("status.cameraFailed"));
  }
});

byId("camera-stop").addEventListener("click", () => {
  camera.stop();
  byId("camera-box").hidden = true;
  byId("camera-start").hidden = false;
  byId("camera-start").focus();
});

byId<HTMLInputElement>("photo").addEventListener("change", async (event) => {
  const input = event.currentTarget as HTMLInputElement;
  const file = input.files?.[0];
  showError("photo-error", undefined);
  if (!file) return;
  let text: string | undefined;
  try {
    text = await decoder.decodeImageData(await decoder.imageDataOf(file));
  } catch {
    text = undefined;
  }
  input.value = "";
  if (text === undefined) {
    showError("photo-error", t("status.photoUnreadable"));
    announcer.assertive(t("status.photoUnreadableShort"));
    return;
  }
  await verify(text);
});

byId<HTMLFormElement>("paste-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = byId<HTMLInputElement>("paste").value.trim();
  showError("paste-error", value === "" ? t("status.pasteEmpty") : undefined);
  if (value !== "") void verify(value);
});

byId("scan-again").addEventListener("click", () => {
  shownUri = undefined;
  card.hide();
  custody.hide();
  notACode.hidden = true;
  document.title = CARD_TEXT.pageTitle([CARD_TEXT.scanTitle]);
  byId("camera-start").focus();
});

const shareLocation = byId<HTMLInputElement>("share-location");
shareLocation.checked = locationOptedIn();
shareLocation.addEventListener("change", () => {
  setLocationOptIn(shareLocation.checked);
  // Asked now, on the user's own action, rather than in the middle of a later scan.
  if (shareLocation.checked) void coarseLocation();
});

const describeNetwork = async () => {
  try {
    const current = await network;
    const rpc = current.rpcUrl === undefined ? t("settings.noNode") : current.rpcSource === "yours" ? t("settings.yourNode", { url: current.rpcUrl }) : current.rpcUrl;
    byId("network-info").textContent = t("settings.networkInfo", { root: describeRoot(current.root), rpc });
    byId<HTMLInputElement>("rpc-url").value = current.rpcSource === "yours" ? (current.rpcUrl ?? "") : "";
    // The node this site offers is never used unless the user says so: another chain could answer for ours.
    const offered = current.announcedRpcUrl !== undefined && current.rpcUrl !== current.announcedRpcUrl;
    byId("service-rpc").hidden = !offered;
    if (offered) {
      byId("service-rpc-text").textContent = t("status.serviceRpcOffer", { url: current.announcedRpcUrl ?? "" });
    }
  } catch (error) {
    byId("network-info").textContent = error instanceof Error ? error.message : String(error);
  }
};

byId("service-rpc-use").addEventListener("click", () => {
  network = network.then(consentToServiceRpc);
  void describeNetwork();
  announcer.polite(t("status.serviceRpcUsed"));
});

byId<HTMLFormElement>("root-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
  try {
    const rpc = value("root-rpc");
    const root = addUserRoot({
      name: value("root-name"),
      chainId: Number(value("root-chain")),
      productRegistry: value("root-registry") as `0x${string}`,
      rpcUrls: rpc === "" ? [] : [rpc],
    });
    showError("root-error", undefined);
    network = loadNetwork();
    void describeNetwork();
    announcer.polite(t("status.rootAdded", { root: describeRoot(root) }));
  } catch (error) {
    showError("root-error", error instanceof Error ? error.message : String(error));
  }
});

byId<HTMLFormElement>("rpc-form").addEventListener("submit", (event) => {
  event.preventDefault();
  try {
    saveRpcUrl(byId<HTMLInputElement>("rpc-url").value);
  } catch (error) {
    showError("rpc-error", error instanceof RpcUrlError ? error.message : String(error));
    return;
  }
  showError("rpc-error", undefined);
  network = network.then(withRpc, () => loadNetwork());
  void describeNetwork();
  announcer.polite(t("status.rpcSaved"));
});

// The reader's language before any word is drawn (a catalogue that cannot be fetched leaves English).
await useLanguage(readerLanguage()).catch(() => useLanguage("en"));
translateDocument();
mountLanguageSwitch(byId("language-slot"));

void describeNetwork();
// Checks made offline on an earlier visit: listed at once, and checked again now if the device is online.
const waiting = recheckQueued();
if (navigator.onLine) waiting?.now();
const code = new URLSearchParams(location.search).get("code");
// The decoders load once the label's verdict is on screen, or at once when there is no label to check.
if (code) {
  // The scan log's session is asked for while the network is chosen: one round trip fewer before the verdict.
  scanSession().catch(() => undefined);
  document.title = CARD_TEXT.pageTitle([CARD_TEXT.checkingTitle]);
  // Already so in the HTML the service sends for a label; a static copy opens on its scan page.
  byId("checking").hidden = false;
  byId("scan").hidden = true;
  void verify(code).finally(() => decoder.warm());
} else {
  checked();
  decoder.warm();
}
