/**
 * The verifier's customs mode (`/verify/customs`): an officer signs in with the office's API key, opens a
 * shipment, and scans its goods continuously. Each new code is checked by this page against the chain
 * (verdict and declaration), classed by core's rule, counted, shown and sounded; Finish sends the codes in
 * scan order as a manifest, and the service's report is set beside the page's own tally.
 */
import type { Hex } from "viem";
import { ReasonCode } from "../../../core/verdict.ts";
import { createAnnouncer } from "../../console/announcer.ts";
import { createConfirm } from "../../console/confirm-dialog.ts";
import { byId, h } from "../../console/dom.ts";
import { openInReaderLanguage } from "../../i18n/page-words.ts";
import { countryName, formatDateTime, formatNumber } from "../../i18n/intl.ts";
import { createCameraScanner, CameraError } from "../camera.ts";
import { NotAVeritraceCode } from "../check-code.ts";
import { createDecoder } from "../decoder.ts";
import { loadNetwork, type Network } from "../network.ts";
import { shipmentChainFor, type ShipmentRecord } from "../shipment-chain.ts";
import { CLASS_CUE, classLabel, NOT_A_CODE_CUE, type ClassCue } from "./cues.ts";
import { inspectCode } from "./inspect-code.ts";
import { createOfficeApi, type OfficeApi, type ShipmentSummary } from "./office-api.ts";
import { officeKey } from "./office-session.ts";
import { createReportPanel } from "./report-panel.ts";
import { recentShipments, rememberShipment } from "./recent-shipments.ts";
import { createScanSession, type ScanEntry, type ScanSession } from "./scan-session.ts";
import { logUncounted, renderTally } from "./tally-view.ts";
import { createTones } from "./tones.ts";
import { plural, t, words } from "./words.ts";

const SHIPMENT_ID = /^0x[0-9a-fA-F]{64}$/;

await openInReaderLanguage(words, byId("language-slot"));
document.title = t("page.title");

const announcer = createAnnouncer(byId("notice"), byId("alert"));
const tones = createTones();
const network: Promise<Network> = loadNetwork();
const chain = async () => shipmentChainFor(await network);
let api: OfficeApi | undefined;
let shipmentId: Hex | undefined;
let session: ScanSession | undefined;
let finished = false;

const showError = (id: string, message: string | undefined) => {
  const element = byId(id);
  element.textContent = message ?? "";
  element.hidden = message === undefined;
};
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
const show = (section: "sign-in" | "pick-shipment" | "inspect") => {
  for (const id of ["sign-in", "pick-shipment", "inspect"]) byId(id).hidden = id !== section;
  byId("actions").hidden = section !== "inspect" || finished;
};

const report = createReportPanel({ api: () => api!, chain, announcer, confirm: createConfirm(byId<HTMLDialogElement>("confirm-dialog")) });

// Sign-in ---------------------------------------------------------------------------------------------

async function signIn(key: string): Promise<boolean> {
  const candidate = createOfficeApi(key);
  try {
    const office = await candidate.office();
    api = candidate;
    officeKey.write(key);
    byId("office-name").textContent = t("signIn.office", { name: office.name, country: office.country });
    byId("office-name").title = countryName(office.country);
    byId("office-name").hidden = false;
    return true;
  } catch (error) {
    officeKey.write(undefined);
    showError("sign-in-error", firstLine(error));
    announcer.assertive(firstLine(error));
    return false;
  }
}

byId<HTMLFormElement>("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const key = byId<HTMLInputElement>("api-key").value.trim();
  showError("sign-in-error", key === "" ? t("signIn.empty") : undefined);
  if (key === "" || !(await signIn(key))) return;
  byId<HTMLInputElement>("api-key").value = "";
  toShipmentPicker();
});

byId("sign-out").addEventListener("click", () => {
  officeKey.write(undefined);
  api = undefined;
  byId("office-name").hidden = true;
  show("sign-in");
  byId("api-key").focus();
  announcer.polite(t("signOut.done"));
});

function toShipmentPicker(): void {
  byId("recent-shipments").replaceChildren(...recentShipments().map((id) => h("option", { value: id })));
  show("pick-shipment");
  byId("shipment-id").focus();
}

// Opening a shipment ----------------------------------------------------------------------------------

byId<HTMLFormElement>("shipment-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = byId<HTMLInputElement>("shipment-id").value.trim();
  if (!SHIPMENT_ID.test(id)) {
    showError("shipment-error", t("pick.badId"));
    return;
  }
  showError("shipment-error", undefined);
  let summary: ShipmentSummary;
  try {
    summary = await api!.shipment(id as Hex);
  } catch (error) {
    showError("shipment-error", firstLine(error));
    announcer.assertive(firstLine(error));
    return;
  }
  rememberShipment(summary.id);
  await openShipment(summary);
});

async function openShipment(summary: ShipmentSummary): Promise<void> {
  shipmentId = summary.id;
  let record: ShipmentRecord | undefined;
  let warning: string | undefined;
  try {
    record = await (await chain()).getShipment(summary.id);
    if (record.declaredAt === 0) warning = t("shipment.notDeclared");
    else if (record.seized) warning = t("shipment.seizedAlready");
  } catch (error) {
    warning = t("shipment.chainUnreadable", { error: firstLine(error) });
  }
  const country = (code: string) => `${countryName(code)} (${code})`;
  const facts: [string, string | Node][] = [
    [t("fact.waybill"), h("bdi", {}, summary.waybill)],
    [t("fact.route"), t("fact.routeValue", { origin: country(summary.origin), destination: country(summary.destination) })],
    [t("fact.itemsDeclared"), formatNumber(record?.itemCount ?? summary.itemCount)],
    [t("fact.shipper"), summary.shipperName ?? t("fact.shipperUnknown")],
    [t("fact.declaredOnChain"), record && record.declaredAt > 0 ? formatDateTime(record.declaredAt) : t("fact.notConfirmed")],
  ];
  byId("shipment-title").textContent = t("shipment.titleWith", { waybill: summary.waybill });
  byId("shipment-facts").replaceChildren(...facts.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
  showError("shipment-warning", warning);
  startSession();
  show("inspect");
  byId("camera-toggle").focus();
  announcer.polite(t("shipment.opened", { waybill: summary.waybill }));
}

// Scanning --------------------------------------------------------------------------------------------

function startSession(): void {
  finished = false;
  report.hide();
  session = createScanSession({
    inspect: async (text) => inspectCode({ text, shipmentId: shipmentId!, network: await network }),
    onScan,
    onFailure(text, error) {
      if (error instanceof NotAVeritraceCode) {
        cue(NOT_A_CODE_CUE, t("scan.notALabel"));
        logUncounted(NOT_A_CODE_CUE, text);
        return;
      }
      showError("chain-problem", t("scan.couldNotCheck", { error: firstLine(error) }));
      cue(CLASS_CUE.unverified, t("scan.couldNotCheckSpoken", { error: firstLine(error) }));
      logUncounted(CLASS_CUE.unverified, text);
    },
  });
  renderTally(session);
  cue(undefined, "");
  showError("chain-problem", undefined);
}

function onScan(entry: ScanEntry): void {
  renderTally(session!);
  const cueOf = CLASS_CUE[entry.cls];
  cue(cueOf, plural("scan.spoken", entry.number, { word: cueOf.word, label: classLabel(entry.cls) }), entry.cls);
  performance.mark("customs:classified", { detail: { cls: entry.cls, checkMs: entry.checkMs } });
  const unreachable = entry.verdict.reasons.some((reason) => reason.code === ReasonCode.CHAIN_UNREACHABLE);
  const declarationUnchecked = entry.declaration.state === "unchecked" ? entry.declaration.why : undefined;
  if (unreachable || declarationUnchecked) {
    const number = formatNumber(entry.number);
    showError("chain-problem", declarationUnchecked ? t("scan.chainUnreachableWhy", { why: declarationUnchecked, number }) : t("scan.chainUnreachable", { number }));
  } else if (entry.cls !== "unverified") {
    showError("chain-problem", undefined);
  }
}

/** The big visual cue, its spoken form and its sound, all at once. */
function cue(classCue: ClassCue | undefined, spoken: string, cls = ""): void {
  const box = byId("cue");
  box.className = `cue tone-${classCue?.tone ?? "idle"}`;
  box.dataset.class = cls;
  byId("cue-icon").textContent = classCue?.icon ?? "";
  byId("cue-word").textContent = classCue?.word ?? t("cue.ready");
  // Restarts the flash even when two scans in a row have the same class.
  box.classList.remove("flash");
  void box.offsetWidth;
  if (classCue) box.classList.add("flash");
  if (!classCue) return;
  const live = byId("cue-live");
  live.textContent = "";
  setTimeout(() => (live.textContent = spoken), 30);
  tones.play(classCue.sound);
}

const camera = createCameraScanner({
  video: byId<HTMLVideoElement>("camera"),
  decoder: createDecoder(),
  continuous: true,
  onCode: (text) => void session?.offer(text),
});

const setScanning = (on: boolean) => {
  byId("camera-box").hidden = !on;
  byId("camera-toggle").textContent = on ? t("camera.pause") : t("camera.start");
};

byId("camera-toggle").addEventListener("click", async () => {
  if (camera.running) {
    camera.stop();
    setScanning(false);
    announcer.polite(t("camera.paused"));
    return;
  }
  // The tap that starts the camera is the one the browser lets the page start making sound on.
  tones.unlock();
  showError("camera-error", undefined);
  setScanning(true);
  try {
    await camera.start();
    announcer.polite(t("camera.scanning"));
  } catch (error) {
    setScanning(false);
    showError("camera-error", error instanceof CameraError ? error.message : t("camera.failed"));
  }
});

// The bottom bar: undo, mute, finish -------------------------------------------------------------------

byId("undo").addEventListener("click", () => {
  const undone = session?.undo();
  if (!undone) {
    announcer.polite(t("undo.nothing"));
    return;
  }
  renderTally(session!);
  cue(undefined, "");
  announcer.polite(plural("undo.done", session!.entries().length, { number: formatNumber(undone.number), word: CLASS_CUE[undone.cls].word }));
});

const muteButton = byId("mute");
const showMute = () => {
  muteButton.setAttribute("aria-pressed", String(tones.muted));
  muteButton.textContent = tones.muted ? t("actions.muted") : t("actions.mute");
};
muteButton.addEventListener("click", () => {
  tones.muted = !tones.muted;
  showMute();
  announcer.polite(tones.muted ? t("mute.off") : t("mute.on"));
});
showMute();

byId("finish").addEventListener("click", async () => {
  if (!session || !api || !shipmentId) return;
  camera.stop();
  setScanning(false);
  const finish = byId<HTMLButtonElement>("finish");
  finish.disabled = true;
  try {
    if (session.pending > 0) announcer.polite(plural("finish.waiting", session.pending));
    await session.settled();
    const codes = session.codes();
    if (codes.length === 0) {
      announcer.assertive(t("finish.nothing"));
      return;
    }
    announcer.polite(plural("finish.sending", codes.length));
    const serverReport = await api.inspect(shipmentId, codes);
    finished = true;
    byId("actions").hidden = true;
    byId("scan-panel").hidden = true;
    report.show(shipmentId, serverReport, session.tally());
  } catch (error) {
    showError("chain-problem", t("finish.failed", { error: firstLine(error) }));
    announcer.assertive(t("finish.failed", { error: firstLine(error) }));
  } finally {
    finish.disabled = false;
  }
});

byId("new-inspection").addEventListener("click", () => {
  byId("scan-panel").hidden = false;
  startSession();
  show("inspect");
  byId("camera-toggle").focus();
});

// Start: a key kept in this tab signs in again; `?shipment=` opens that shipment. -------------------------

void (async () => {
  const key = officeKey.read();
  const wanted = new URLSearchParams(location.search).get("shipment");
  if (wanted !== null) byId<HTMLInputElement>("shipment-id").value = wanted;
  if (key === undefined || !(await signIn(key))) {
    show("sign-in");
    return;
  }
  toShipmentPicker();
})();
