/**
 * Decodes the registries' logs into index rows: the event's name, its arguments as JSON and the main keys
 * as columns. One merged ABI decodes all three registries: each log is matched by its topic, and the row
 * keeps which contract emitted it.
 */
import { getAddress, parseEventLogs, type Address, type Hex, type Log } from "viem";
import { licenceRegistryAbi, productRegistryAbi, shipmentRegistryAbi } from "../../core/abi/index.ts";
import type { EventKeys, IndexedEvent } from "./index-store.ts";

const REGISTRY_EVENTS = [...productRegistryAbi, ...shipmentRegistryAbi, ...licenceRegistryAbi].filter((item) => item.type === "event");
const ZERO_ID = `0x${"0".repeat(64)}`;

type Args = Record<string, unknown>;

/** The first of `names` present in the arguments (or in a notice's `filing` struct), null for none or zero. */
function idOf(args: Args, ...names: string[]): Hex | null {
  const filing = (args.filing ?? {}) as Args;
  for (const name of names) {
    const value = (args[name] ?? filing[name]) as Hex | undefined;
    if (typeof value === "string") return value.toLowerCase() === ZERO_ID ? null : (value.toLowerCase() as Hex);
  }
  return null;
}

function accountOf(args: Args, ...names: string[]): Address | null {
  const filing = (args.filing ?? {}) as Args;
  for (const name of names) {
    const value = args[name] ?? filing[name];
    if (typeof value === "string") return getAddress(value).toLowerCase() as Address;
  }
  return null;
}

/**
 * The columns the lists filter on (addresses lower-case). `account` is who acts or owns (a work's owner, a notice's sender, a
 * batch's signer, a shipment's shipper, an inspecting office, the sender of a hand-over); `otherAccount`
 * the party on the other side (a notice's principal, a shipment's consignee, a hand-over's recipient, a
 * licence's grantor).
 */
export function keysOf(args: Args): EventKeys {
  return {
    brandId: idOf(args, "brandId", "fromBrandId"),
    batchId: idOf(args, "batchId"),
    workId: idOf(args, "workId"),
    shipmentId: idOf(args, "shipmentId"),
    licenceId: idOf(args, "licenceId"),
    noticeId: idOf(args, "noticeId"),
    platformId: idOf(args, "platformId"),
    account: accountOf(args, "owner", "sender", "signer", "shipper", "office", "from", "licensee", "seller", "retailer", "admin", "newAdmin", "account", "by"),
    otherAccount: accountOf(args, "principal", "consignee", "to", "grantor", "previousAdmin", "previous"),
  };
}

/** Integers as decimal strings, so that the arguments survive JSON. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

/** The registries' events among `logs` (anything else, e.g. a log no ABI names, is skipped). */
export function decodeLogs(logs: Log[]): IndexedEvent[] {
  return parseEventLogs({ abi: REGISTRY_EVENTS, logs, strict: true }).map((log) => {
    const args = jsonSafe(log.args) as Args;
    return {
      ...keysOf(args),
      blockNumber: Number(log.blockNumber),
      blockHash: log.blockHash!,
      logIndex: log.logIndex!,
      transactionHash: log.transactionHash!,
      contract: log.address.toLowerCase() as Address,
      eventName: log.eventName,
      args,
    };
  });
}
