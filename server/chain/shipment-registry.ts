/**
 * The service's door to the ShipmentRegistry: call encoders for the gateway to send, reads, and the
 * history the chain keeps only as events (hand-overs, inspections), with block times. Events are the index
 * by design (no on-chain enumeration): a shipment's own history is a log query here; the registers across
 * shipments (seizures, infringements) read the chain index (`features/shipments/register.ts`).
 */
import {
  encodeFunctionData,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { shipmentRegistryAbi } from "../../core/abi/index.ts";
import type { ContractDeployment } from "../../core/deployment.ts";
import { countryCode } from "../../core/iso3166.ts";
import type { Call } from "./registry-gateway.ts";
import type { DeclarationEvent, HandoverEvent, InfringementEvent, InspectionEvent, Mined } from "../../api/shipments.ts";
import { type InspectionCounts, OUTCOMES } from "../../api/customs.ts";

export const PARTY_KIND = { None: 0, Logistics: 1, Customs: 2 } as const;

type ShipmentFunction = Parameters<typeof encodeFunctionData<typeof shipmentRegistryAbi>>[0]["functionName"];

/** ISO 3166-1 alpha-2 as the contract's `bytes2`, and back. */

export class ShipmentRegistryChain {
  readonly address: Address;
  readonly #client: PublicClient;
  readonly #fromBlock: bigint;
  /** Block times never change once mined (a reorg aside, which a local or consortium chain does not do). */
  readonly #blockTimes = new Map<bigint, Promise<number>>();

  constructor(client: PublicClient, deployment: ContractDeployment) {
    this.address = deployment.address;
    this.#client = client;
    this.#fromBlock = BigInt(deployment.blockNumber);
  }

  call(functionName: ShipmentFunction, args: readonly unknown[]): Call {
    return { to: this.address, data: encodeFunctionData({ abi: shipmentRegistryAbi, functionName, args } as never) };
  }

  getParty(account: Address) {
    return this.#client.readContract({ address: this.address, abi: shipmentRegistryAbi, functionName: "getParty", args: [account] });
  }

  getShipment(shipmentId: Hex) {
    return this.#client.readContract({ address: this.address, abi: shipmentRegistryAbi, functionName: "getShipment", args: [shipmentId] });
  }

  async declaration(shipmentId: Hex): Promise<DeclarationEvent | undefined> {
    const logs = await this.#events("ShipmentDeclared", { shipmentId });
    const log = logs.at(-1);
    if (log === undefined) return undefined;
    const { shipper, waybill } = log.args as { shipper: Address; waybill: string };
    return { ...(await this.mined(log)), shipmentId, shipper, waybill };
  }

  async handovers(shipmentId: Hex): Promise<HandoverEvent[]> {
    const logs = await this.#events("CustodyHandedOver", { shipmentId });
    return Promise.all(
      logs.map(async (log) => {
        const { from, to, place } = log.args as { from: Address; to: Address; place: Hex };
        return { ...(await this.mined(log)), from, to, place: countryCode(place) };
      }),
    );
  }

  /** A shipment's inspections, oldest first. */
  async inspections(shipmentId: Hex): Promise<InspectionEvent[]> {
    const logs = await this.#events("ShipmentInspected", { shipmentId });
    return Promise.all(logs.map(async (log) => inspectionOf(log.args as InspectionArgs, await this.mined(log))));
  }

  #events(eventName: "ShipmentDeclared" | "CustodyHandedOver" | "ShipmentInspected", args: object) {
    return this.#client.getContractEvents({ address: this.address, abi: shipmentRegistryAbi, eventName, args, fromBlock: this.#fromBlock } as never) as Promise<
      Array<{ args: unknown; blockNumber: bigint; transactionHash: Hex }>
    >;
  }

  /** Where and when a log (or an indexed event) was mined: its block's time is read once per block. */
  async mined(log: { blockNumber: bigint | number; transactionHash: Hex }): Promise<Mined> {
    return { at: new Date((await this.blockTime(BigInt(log.blockNumber))) * 1000).toISOString(), transactionHash: log.transactionHash, blockNumber: Number(log.blockNumber) };
  }

  /** A block's timestamp in seconds, fetched once per block. */
  blockTime(blockNumber: bigint): Promise<number> {
    let time = this.#blockTimes.get(blockNumber);
    if (time === undefined) {
      time = this.#client.getBlock({ blockNumber }).then((block) => Number(block.timestamp));
      time.catch(() => this.#blockTimes.delete(blockNumber));
      this.#blockTimes.set(blockNumber, time);
    }
    return time;
  }
}

/** A ShipmentInspected event's arguments, from a log or from the chain index (integers may be strings there). */
export type InspectionArgs = { shipmentId: Hex; office: Address; outcome: number | string; counts: Record<keyof InspectionCounts, number | string>; reportHash: Hex };
export type InfringementArgs = { brandId: Hex; shipmentId: Hex; office: Address; reportHash: Hex };

export function inspectionOf(a: InspectionArgs, mined: Mined): InspectionEvent {
  const { genuine, counterfeit, undeclared, revoked } = a.counts;
  return {
    ...mined,
    shipmentId: a.shipmentId,
    office: a.office,
    outcome: OUTCOMES[Number(a.outcome)]!,
    counts: { genuine: Number(genuine), counterfeit: Number(counterfeit), undeclared: Number(undeclared), revoked: Number(revoked) },
    reportHash: a.reportHash,
  };
}

export function infringementOf(a: InfringementArgs, mined: Mined): InfringementEvent {
  return { ...mined, brandId: a.brandId, shipmentId: a.shipmentId, office: a.office, reportHash: a.reportHash };
}
