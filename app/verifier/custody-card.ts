/**
 * The custody path on the result card: the item's batch, each shipment that declared it (with the
 * declaration checked on chain by this page), its hand-overs and customs inspections. The path itself is
 * the service's account, read from chain events; only the declarations are rechecked here, since they are
 * what ties this very item to a shipment. Fetched after the verdict is on screen, so it never delays it.
 */
import type { Hex } from "viem";
import { h } from "../console/dom.ts";
import type { CheckResult } from "./check-code.ts";
import { icon } from "./icons.ts";
import { countryName } from "../i18n/intl.ts";
import { dateTime } from "./result-card.ts";
import { locale, t } from "../i18n/i18n.ts";
import type { IconName } from "./verdict-copy.ts";
import { fetchCustody, type Custody, type CustodyShipment } from "./service-api.ts";
import { shipmentChainFor, type ShipmentChain } from "./shipment-chain.ts";

export type CustodyCard = { show(result: CheckResult): Promise<void>; hide(): void };

/** Only an item the brand really issued has a path worth showing: a counterfeit would borrow the real one's. */
const ISSUED = new Set(["GENUINE", "SUSPICIOUS", "REVOKED"]);


export function createCustodyCard(section: HTMLElement, body: HTMLElement): CustodyCard {
  // A newer check replaces the card; an answer for an older one arriving late must not overwrite it.
  let shown = 0;
  const hide = () => {
    shown++;
    section.hidden = true;
    body.replaceChildren();
  };
  return {
    hide,
    async show(result) {
      hide();
      const { itemId } = result.verdict;
      if (itemId === undefined || !ISSUED.has(result.verdict.verdict)) return;
      const mine = shown;
      const custody = await fetchCustody(result.uri);
      if (mine !== shown || custody === undefined) return;
      section.hidden = false;
      if (custody === "unavailable") {
        body.replaceChildren(h("p", { class: "hint" }, t("custody.unavailable")));
        return;
      }
      const chain = shipmentChainFor(result.network);
      body.replaceChildren(batchPart(result, custody), ...shipmentParts(custody, itemId, chain));
    },
  };
}

function batchPart(result: CheckResult, custody: Custody): HTMLElement {
  const anchoredAt = result.verdict.batch?.anchoredAt;
  const when = anchoredAt ? dateTime(anchoredAt) : custody.batch.anchoredAt ? dateTime(Date.parse(custody.batch.anchoredAt) / 1000) : t("custody.notYet");
  return h("div", {}, h("h3", {}, t("custody.batch")), h("p", {}, t("custody.batchLine", { lot: custody.batch.lot, gtin: custody.batch.gtin, when })));
}

function shipmentParts(custody: Custody, itemId: Hex, chain: ShipmentChain): HTMLElement[] {
  if (custody.shipments.length === 0) return [h("p", { class: "hint" }, t("custody.noShipment"))];
  const list = h("ol", { class: "custody" }, ...custody.shipments.map((shipment) => shipmentItem(shipment, itemId, chain)));
  return [h("h3", {}, t("custody.shipments", { count: custody.shipments.length.toLocaleString(locale()) })), list];
}

function shipmentItem(shipment: CustodyShipment, itemId: Hex, chain: ShipmentChain): HTMLElement {
  const check = h("span", { class: "declaration pending", "data-check": "pending" }, t("custody.checking"));
  void declarationCheck(chain, shipment, itemId).then(([state, text]) => {
    check.className = `declaration ${state}`;
    check.dataset.check = state;
    // The same drawn icons as the verdict: a text symbol needs an emoji font a phone may not have.
    check.replaceChildren(icon(CHECK_ICON[state]), text);
  });
  const declared = shipment.shipperName ? t("custody.declaredBy", { when: when(shipment.createdAt), shipper: shipment.shipperName }) : t("custody.declared", { when: when(shipment.createdAt) });
  const events = [
    h("li", {}, declared, " ", check),
    ...shipment.handovers.map((handover) =>
      h("li", {}, t("custody.handover", { from: handover.fromName ?? handover.from, to: handover.toName ?? handover.to, place: countryName(handover.place), when: when(handover.at) })),
    ),
    ...shipment.inspections.map((inspection) =>
      h(
        "li",
        { class: inspection.outcome === "seized" ? "seizure" : undefined, "data-outcome": inspection.outcome },
        inspection.outcome === "seized" ? icon("revoked") : undefined,
        t(`custody.inspected.${inspection.outcome}`, { office: inspection.officeName ?? inspection.office, when: when(inspection.at) }),
      ),
    ),
  ];
  return h(
    "li",
    { "data-shipment": shipment.id },
    h("h4", {}, `${shipment.origin} → ${shipment.destination}, waybill ${shipment.waybill}`),
    h("ul", {}, ...events),
  );
}

type CheckState = "ok" | "failed" | "unchecked";

const CHECK_ICON: Record<CheckState, IconName> = { ok: "ok", failed: "counterfeit", unchecked: "unknown" };

async function declarationCheck(chain: ShipmentChain, shipment: CustodyShipment, itemId: Hex): Promise<[CheckState, string]> {
  try {
    if (await chain.isDeclared(shipment.id, itemId, shipment.declaration.proof)) return ["ok", t("custody.confirmed")];
    return ["failed", t("custody.notConfirmed")];
  } catch (error) {
    return ["unchecked", t("custody.unchecked", { error: (error instanceof Error ? error.message : String(error)).split("\n")[0]! })];
  }
}

const when = (iso: string) => dateTime(Date.parse(iso) / 1000);
