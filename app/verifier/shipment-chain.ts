/**
 * The page's own reads of the ShipmentRegistry: whether an item is declared in a shipment (the service's
 * Merkle proof checked by the contract against the root the shipper anchored) and the shipment's record.
 * The service's own "declared" flag is never used: a service that lies can only withhold a proof, which
 * makes a declared item look undeclared, never the reverse.
 */
import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { shipmentRegistryAbi } from "../../core/abi/index.ts";
import { countryCode } from "../../core/iso3166.ts";
import { t } from "../i18n/i18n.ts";
import { rpcClient } from "./chain.ts";
import type { Network } from "./network.ts";

export type ShipmentRecord = {
  shipper: Address;
  consignee: Address;
  custodian: Address;
  itemCount: number;
  /** Unix seconds; 0 when the chain has no such shipment. */
  declaredAt: number;
  origin: string;
  destination: string;
  inspections: number;
  seized: boolean;
};

export type ShipmentChain = {
  isDeclared(shipmentId: Hex, itemId: Hex, proof: readonly Hex[]): Promise<boolean>;
  getShipment(shipmentId: Hex): Promise<ShipmentRecord>;
};

/** Thrown by every read when the page has no way to the ShipmentRegistry at all. */
export class NoShipmentRegistry extends Error {
  override name = "NoShipmentRegistry";
}

export function shipmentChainFor(network: Network): ShipmentChain {
  const { rpcUrl, shipmentRegistry } = network;
  if (rpcUrl === undefined || shipmentRegistry === undefined) {
    const why = rpcUrl === undefined ? t("chain.noRpc") : t("chain.noShipmentRegistry");
    const fail = () => Promise.reject(new NoShipmentRegistry(why));
    return { isDeclared: fail, getShipment: fail };
  }
  const client = rpcClient(rpcUrl);
  const contract = { address: shipmentRegistry, abi: shipmentRegistryAbi } as const;
  return {
    isDeclared: (shipmentId, itemId, proof) => readContract(client, { ...contract, functionName: "isDeclared", args: [shipmentId, itemId, [...proof]] }),
    async getShipment(shipmentId) {
      const s = await readContract(client, { ...contract, functionName: "getShipment", args: [shipmentId] });
      return {
        shipper: s.shipper,
        consignee: s.consignee,
        custodian: s.custodian,
        itemCount: s.itemCount,
        declaredAt: Number(s.declaredAt),
        origin: countryCode(s.origin),
        destination: countryCode(s.destination),
        inspections: s.inspections,
        seized: s.seized,
      };
    },
  };
}

/** The contract's `bytes2` country, as text ("" for none). */
