/**
 * What the page asks the service (its own origin, or the API a static build names). None of it is trusted
 * for the verdict: the proof is checked against the root the page reads from the chain, the scan history
 * only ever makes a verdict more cautious, and everything shown as fact (brand names, the registration)
 * is read from the chain by the page itself. One exception, labelled as such: the name of the account the chain
 * records as an item's seller, which only the service knows, shown beside that account.
 */
import type { Hex } from "viem";
import type { HistorySignal } from "../../core/verdict.ts";
import type { VerifyView } from "../../api/verification.ts";
import { API_BASE } from "./build-config.ts";
import { newScanSession, scanSession } from "./session-id.ts";

export type ServiceProof = { proof: Hex[] };

/** A proof, `undefined` when the service never issued the item, or `"unavailable"` when it could not be asked. */
export type ProofAnswer = ServiceProof | undefined | "unavailable";

export async function fetchProof(uri: string): Promise<ProofAnswer> {
  try {
    const res = await fetch(`${API_BASE}/api/v1/proof?code=${encodeURIComponent(uri)}`, { headers: { accept: "application/json" } });
    if (res.status === 404) return undefined;
    if (!res.ok) return "unavailable";
    const body = (await res.json()) as Partial<ServiceProof>;
    if (!Array.isArray(body.proof)) return "unavailable";
    return { proof: body.proof };
  } catch {
    return "unavailable";
  }
}

export type ScanHistory = HistorySignal & { sessions?: number; scans?: number; countries?: string[]; firstScanAt?: string; lastScanAt?: string };

export type ScanReport = {
  code: string;
  /** The session this device holds, if the caller has it; else (or when the service refuses it) one is asked for. */
  sessionId?: string | undefined;
  location?: { latitude: number; longitude: number } | undefined;
};

/**
 * Logs the scan and returns what the log says about this code; undefined when the log cannot be reached or
 * keeps no history for the code (one that does not verify). A session the service does not know, or issued
 * to another network (the phone moved from Wi-Fi to mobile data), is replaced once and the scan sent again.
 */
export async function postScan({ code, sessionId, location }: ScanReport): Promise<ScanHistory | undefined> {
  const send = (session: string) =>
    fetch(`${API_BASE}/api/v1/scans`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(location === undefined ? { code, sessionId: session } : { code, sessionId: session, location }),
    });
  try {
    let res = await send(sessionId ?? (await scanSession()));
    if (res.status === 400 || res.status === 403) {
      const { error } = (await res.clone().json()) as { error?: unknown };
      if (error === "UNKNOWN_SESSION" || error === "SESSION_NETWORK_CHANGED") res = await send(await newScanSession());
    }
    if (res.status !== 201 && res.status !== 200) return undefined;
    const { history } = (await res.json()) as { history?: ScanHistory | null };
    if (!history || typeof history.suspicious !== "boolean" || !Array.isArray(history.reasons)) return undefined;
    return history;
  } catch {
    return undefined;
  }
}

/** An item's custody as the service tells it (server/features/shipments/custody.ts); each declaration is rechecked on chain. */
export type Custody = {
  itemId: Hex;
  batch: { batchId: Hex; gtin: string; lot: string; anchoredAt: string | null; transactionHash: Hex | null };
  shipments: CustodyShipment[];
};

type Mined = { at: string; transactionHash: Hex; blockNumber: number };

export type CustodyShipment = {
  id: Hex;
  waybill: string;
  shipperName: string | null;
  origin: string;
  destination: string;
  createdAt: string;
  seized: boolean;
  handovers: Array<Mined & { from: Hex; to: Hex; fromName: string | null; toName: string | null; place: string }>;
  inspections: Array<Mined & { office: Hex; officeName: string | null; outcome: "cleared" | "held" | "seized" }>;
  declaration: { proof: Hex[] };
};

/** The custody path, `undefined` when the service knows no such item, `"unavailable"` when it could not be asked. */
export async function fetchCustody(uri: string): Promise<Custody | undefined | "unavailable"> {
  try {
    const res = await fetch(`${API_BASE}/api/v1/items/custody?code=${encodeURIComponent(uri)}`, { headers: { accept: "application/json" } });
    if (res.status === 404) return undefined;
    if (!res.ok) return "unavailable";
    const body = (await res.json()) as Partial<Custody>;
    return Array.isArray(body.shipments) && body.batch ? (body as Custody) : "unavailable";
  } catch {
    return "unavailable";
  }
}

/**
 * The Merkle proof of an item in a shipment, for the page to give to `isDeclared` on chain. An item the
 * service does not know, or does not list in the shipment, gets an empty proof: the chain then decides.
 */
export async function fetchDeclarationProof(shipmentId: Hex, uri: string): Promise<Hex[]> {
  const res = await fetch(`${API_BASE}/api/v1/shipments/${shipmentId}/proof?code=${encodeURIComponent(uri)}`, { headers: { accept: "application/json" } });
  if (res.status === 404 || res.status === 400) return [];
  if (!res.ok) throw new Error(`The service gave no declaration proof (HTTP ${res.status})`);
  const { proof } = (await res.json()) as { proof?: unknown };
  return Array.isArray(proof) ? (proof as Hex[]) : [];
}

/**
 * The name the service knows for the account that recorded an item's first sale (a brand or its retailer):
 * the chain records only the account. Undefined when the service names none or cannot be asked.
 */
export async function fetchSellerName(uri: string): Promise<{ seller: string; name: string } | undefined> {
  try {
    const res = await fetch(`${API_BASE}/api/v1/verify?code=${encodeURIComponent(uri)}`, { headers: { accept: "application/json" } });
    if (!res.ok) return undefined;
    const sale = ((await res.json()) as Partial<Pick<VerifyView, "firstSale">>).firstSale;
    return sale?.sellerName ? { seller: sale.seller, name: sale.sellerName } : undefined;
  } catch {
    return undefined;
  }
}
