/**
 * A hand-over, sent by the current custodian's key. The service checks what the contract checks so that a
 * caller gets a 4xx that says why; the contract's NotCustodian and InvalidRecipient stay the backstop.
 */
import type { Address, Hex } from "viem";
import { checkCountryCode, countryBytes } from "../../../core/iso3166.ts";
import { PARTY_KIND } from "../../chain/shipment-registry.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, badRequest, conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountKey } from "../organisations/organisations.ts";
import { shipmentRegistry } from "./registry.ts";
import { storedShipment } from "./view.ts";
import type { HandoverView } from "../../../api/shipments.ts";

export async function handOver(ctx: ServiceContext, org: Organisation, shipmentId: Hex, params: { to: Address; place: string }): Promise<HandoverView> {
  const place = checkCountryCode(params.place, "place");
  await storedShipment(ctx, shipmentId);
  const registry = shipmentRegistry(ctx);
  const record = await registry.getShipment(shipmentId);
  if (record.declaredAt === 0) throw conflict(`Shipment ${shipmentId} is not declared on chain yet`, "SHIPMENT_NOT_DECLARED");
  const caller = await accountKey(ctx, org.id, "admin");
  if (caller === undefined || !sameAddress(caller.address, record.custodian)) {
    throw new AppError(`Only the shipment's custodian (${record.custodian}) can hand it over`, { status: 403, code: "NOT_CUSTODIAN" });
  }
  if (record.seized) throw conflict(`Shipment ${shipmentId} was seized by customs`, "SHIPMENT_SEIZED");
  const to = params.to;
  const recipientOk =
    !sameAddress(to, record.custodian) && (sameAddress(to, record.consignee) || (await registry.getParty(to)).kind === PARTY_KIND.Logistics);
  if (!recipientOk) {
    throw badRequest(`${to} is neither an admitted logistics party nor the shipment's consignee (or it holds the shipment already)`, "INVALID_RECIPIENT", "to");
  }
  const receipt = await ctx.chain.execute(caller.key, "handOver", registry.call("handOver", [shipmentId, to, countryBytes(place)]));
  return { shipmentId, from: caller.address, to, place, transactionHash: receipt.hash, blockNumber: receipt.blockNumber };
}

export const sameAddress = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
