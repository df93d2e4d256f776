/** A verdict for people: the word and its mark first, then what the label and the chain say. */
import type { VerdictName } from "../core/verdict.ts";
import type { VerifyResult } from "./verify.ts";

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

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** YYMMDD as a date; GS1's rule puts two-digit years in 2000-2099 for labels printed today. */
const expiryText = (expiry: number) => {
  const text = String(expiry).padStart(6, "0");
  return `20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}${text.endsWith("00") ? " (end of month)" : ""}`;
};

export function formatVerdict(result: VerifyResult): string {
  const { verdict: v, chain, registration, history } = result;
  const lines = [`${MARK[v.verdict]} ${v.verdict}`];
  const row = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`  ${label.padEnd(11)}${value}`);
  };
  row("Brand", v.brandId);
  row("Product", v.code && `GTIN ${v.code.gtin}`);
  row("Lot", v.code?.lot);
  row("Serial", v.code?.serial);
  row("Expiry", v.code?.expiry === undefined ? undefined : expiryText(v.code.expiry));
  row("Signed by", v.signer);
  if (v.batch) {
    const tx = registration?.transactionHash ? ` in block ${registration.blockNumber} (transaction ${registration.transactionHash})` : "";
    row("Registered", `${iso(v.batch.anchoredAt)}${tx}`);
  }
  row("Status", v.itemStatus && `item ${v.itemStatus}, batch ${v.batchStatus}`);
  row("First sale", v.activation && `${iso(v.activation.activatedAt)} in ${v.activation.country} by ${v.activation.seller}`);
  if (history) {
    const counts = history.sessions === undefined ? "" : `${history.sessions} session(s), ${history.scans} scan(s); `;
    row("History", `${counts}${history.suspicious ? "suspicious" : "no clone pattern"}`);
  }
  row("Checked on", `chain ${chain.chainId}, registry ${chain.registry}, via ${chain.rpcUrl}`);
  if (v.reasons.length > 0) {
    lines.push("Reasons:");
    for (const reason of v.reasons) lines.push(`  - ${reason.code}: ${reason.message}`);
  }
  for (const note of result.notes) lines.push(`Note: ${note}`);
  lines.push(NEXT_STEP[v.verdict]);
  return lines.join("\n");
}

/** The verdict as JSON: bigints (a signer's removal time) as decimal strings. */
export function verdictDocument(result: VerifyResult): unknown {
  return JSON.parse(JSON.stringify(result, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
}
