/**
 * One scanned code of a customs inspection, checked by the page itself: the verdict by core's
 * `decideVerdict` over the page's own chain reader (as for a shopper, but without logging a consumer scan),
 * then, for an item the brand really issued, its declaration in the shipment by `isDeclared` on chain.
 * Sorting into a class is left to the scan session, which alone knows what was scanned before.
 */
import type { Hex } from "viem";
import type { Verdict } from "../../../core/verdict.ts";
import { checkCode } from "../check-code.ts";
import type { Network } from "../network.ts";
import { fetchDeclarationProof } from "../service-api.ts";
import { shipmentChainFor } from "../shipment-chain.ts";

/** What the chain said of the item's declaration; "unchecked" carries why it could not be asked. */
export type Declaration = { state: "declared" | "undeclared" | "not-needed" } | { state: "unchecked"; why: string };

export type InspectedCode = { text: string; verdict: Verdict; declaration: Declaration };

export type InspectCodeParameters = { text: string; shipmentId: Hex; network: Network };

/** Throws `NotAVeritraceCode` (from check-code.ts) for a QR code that is no label at all. */
export async function inspectCode({ text, shipmentId, network }: InspectCodeParameters): Promise<InspectedCode> {
  const { uri, verdict } = await checkCode({ text, network, logScan: false });
  // Declaration only decides between "declared" and "undeclared", i.e. for items the brand issued.
  const issued = verdict.verdict === "GENUINE" || verdict.verdict === "SUSPICIOUS";
  if (!issued || verdict.itemId === undefined) return { text: uri, verdict, declaration: { state: "not-needed" } };
  try {
    const proof = await fetchDeclarationProof(shipmentId, uri);
    const declared = await shipmentChainFor(network).isDeclared(shipmentId, verdict.itemId, proof);
    return { text: uri, verdict, declaration: { state: declared ? "declared" : "undeclared" } };
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
    return { text: uri, verdict, declaration: { state: "unchecked", why } };
  }
}
