/**
 * A verdict for people: the word and its mark first, any warning, then what the chain says (the brand's
 * name and country, the GTIN's owner, the label's host, the registration) and what only the service says,
 * marked as its claim.
 */
import { ReasonCode, type Verdict, type VerdictBrand, type VerdictName } from "../core/verdict.ts";
import type { RpcSource, VerifyResult } from "./verify.ts";

const MARK: Record<VerdictName, string> = {
  GENUINE: "✔",
  COUNTERFEIT: "✘",
  REVOKED: "⊘",
  SUSPICIOUS: "⚠",
  UNVERIFIED: "?",
};

const NEXT_STEP: Record<VerdictName, string> = {
  GENUINE: "The chain confirms this item.",
  COUNTERFEIT: "Do not trust this item: report it to the brand with the code above and where it was bought.",
  REVOKED: "The brand has withdrawn this item (or its batch, or the key that signed it): do not sell or use it.",
  SUSPICIOUS: "This code has been seen in a pattern a copied label leaves: check the item and report it to the brand.",
  UNVERIFIED: "The chain could not be read: try again when it is reachable.",
};

/** Where a reason changes what a person should do, it wins over the verdict's usual advice. */
const NEXT_STEP_BY_REASON: Partial<Record<string, string>> = {
  [ReasonCode.UNTRUSTED_REGISTRY]:
    "This label could not be confirmed against a deployment you trust: do not treat it as genuine; ask the brand, or check it with trust roots that include its deployment.",
  [ReasonCode.RPC_WRONG_CHAIN]: "The RPC read belongs to another chain: give one of the trusted chain with --rpc.",
  [ReasonCode.LABEL_HOST_NOT_REGISTERED]:
    "The label links to a site the brand did not register: the code may be copied from a genuine item; check the item and report it to the brand.",
};

const RPC_SOURCE: Record<RpcSource, string> = {
  "--rpc": "your --rpc",
  "trust root": "the trust root's RPC",
  "service (--use-service-rpc)": "the service's RPC, allowed by --use-service-rpc",
};

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** YYMMDD as a date; GS1's rule puts two-digit years in 2000-2099 for labels printed today. */
const expiryText = (expiry: number) => {
  const text = String(expiry).padStart(6, "0");
  return `20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}${text.endsWith("00") ? " (end of month)" : ""}`;
};

/** The verdict's expiry (the last day of use, judged by core), else the label's digits as they read. */
function expiryRow(v: Verdict): string | undefined {
  if (v.expiry !== undefined) {
    const endOfMonth = String(v.code?.expiry ?? "").endsWith("00") ? " (end of month)" : "";
    return `${v.expiry.date}${endOfMonth}${v.expiry.expired ? " (EXPIRED)" : ""}`;
  }
  return v.code?.expiry === undefined ? undefined : expiryText(v.code.expiry);
}

/** "3 March 2026", in UTC: the day the label names, wherever the CLI runs. */
const longDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

const EXPIRED_STEP = "the item is genuine but past its expiry date: do not sell or use it.";

/** `"Acme" (GB)`: the name and country the registrar recorded on chain. */
const brandName = (brand: Pick<VerdictBrand, "name" | "country">) =>
  `${brand.name === "" ? "(no name on chain)" : JSON.stringify(brand.name)}${brand.country === "" ? "" : ` (${brand.country})`}`;

function brandRow(v: Verdict): string | undefined {
  if (v.brand) return `${brandName(v.brand)}, brand id ${v.brand.brandId}`;
  return v.brandId && `brand id ${v.brandId} (its name was not read from the chain)`;
}

function gtinOwnerRow(v: Verdict): string | undefined {
  if (v.gtinOwner === undefined) return undefined;
  if (v.gtinOwner === null) return `none: GTIN ${v.code?.gtin} falls in no brand's GS1 company prefix`;
  const owner = `${brandName(v.gtinOwner)}, GS1 company prefix ${v.gtinOwner.prefix}`;
  const signer = v.brand ?? (v.brandId && { brandId: v.brandId });
  if (signer === undefined) return owner;
  return signer.brandId === v.gtinOwner.brandId ? `${owner} (the signing brand)` : `${owner}; NOT the brand that signed this code`;
}

function labelHostRow(v: Verdict, registered: boolean | undefined): string | undefined {
  if (v.labelHost === undefined) return undefined;
  const brand = v.brand === undefined ? "the brand" : brandName(v.brand);
  if (registered === true) return `${v.labelHost}, registered for ${brand}`;
  if (registered === false) return `${v.labelHost}, NOT registered for ${brand}`;
  return `${v.labelHost} (not checked: the signing brand is not known)`;
}

export function formatVerdict(result: VerifyResult): string {
  const { verdict: v, root, chain, registration, service } = result;
  const lines = [`${MARK[v.verdict]} ${v.verdict}`];
  // Right under the verdict: an expired item is genuine, and that word alone would say "nothing to do".
  if (v.expiry?.expired === true) lines.push(`Expired on ${longDate(v.expiry.date)} — ${EXPIRED_STEP}`);
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  const row = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`  ${label.padEnd(11)}${value}`);
  };
  row("Brand", brandRow(v));
  row("GTIN owner", gtinOwnerRow(v));
  row("Product", v.code && `GTIN ${v.code.gtin}`);
  row("Lot", v.code?.lot);
  row("Serial", v.code?.serial);
  row("Expiry", expiryRow(v));
  row("Label host", labelHostRow(v, result.labelHostRegistered));
  row("Signed by", v.signer);
  if (v.batch) {
    const tx = registration ? ` in block ${registration.blockNumber} (transaction ${registration.transactionHash})` : "";
    row("Registered", `${iso(v.batch.anchoredAt)}${tx}`);
  }
  const claimed = service.registration;
  if (claimed?.transactionHash !== undefined && (registration === undefined || claimed.transactionHash.toLowerCase() !== registration.transactionHash.toLowerCase())) {
    row("Service", `registered in block ${claimed.blockNumber} (transaction ${claimed.transactionHash}) (service's claim)`);
  }
  row("Status", v.itemStatus && `item ${v.itemStatus}, batch ${v.batchStatus}`);
  row("First sale", v.activation && `${iso(v.activation.activatedAt)} in ${v.activation.country} by ${v.activation.seller}`);
  if (service.history) {
    const h = service.history;
    const counts = h.sessions === undefined ? "" : `${h.sessions} session(s), ${h.scans} scan(s); `;
    row("History", `${counts}${h.suspicious ? "suspicious" : "no clone pattern"} (service's claim)`);
  }
  row("Trust root", `${JSON.stringify(root.name)}: chain ${root.chainId}, registry ${root.registry}${root.addedByUser ? " (added by hand)" : ""}`);
  row("Read via", `${chain.rpcUrl} (${RPC_SOURCE[chain.rpcSource]})`);
  if (v.reasons.length > 0) {
    lines.push("Reasons:");
    // The first line: an RPC library's error goes on with generic advice; --json keeps all of it.
    for (const reason of v.reasons) lines.push(`  - ${reason.code}: ${reason.message.split("\n")[0]!.trim()}`);
  }
  for (const note of result.notes) lines.push(`Note: ${note}`);
  lines.push(nextStep(v));
  return lines.join("\n");
}

/** A revocation or a forgery says "do not use" whatever else applies; an unconfirmed or odd label says why. */
function nextStep(v: Verdict): string {
  const specific = v.verdict === "UNVERIFIED" || v.verdict === "SUSPICIOUS" ? v.reasons.map((r) => NEXT_STEP_BY_REASON[r.code]).find((step) => step !== undefined) : undefined;
  if (specific !== undefined) return specific;
  if (v.verdict === "GENUINE" && v.expiry?.expired === true) return "The chain confirms this item, but it is past its expiry date: do not sell or use it.";
  return NEXT_STEP[v.verdict];
}

/** The verdict as JSON: bigints (a signer's removal time) as decimal strings. */
export function verdictDocument(result: VerifyResult): unknown {
  return JSON.parse(JSON.stringify(result, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
}
