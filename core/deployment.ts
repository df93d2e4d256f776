/**
 * The record of where the registry lives on a chain, written when it is deployed and read by everything
 * that talks to it. Validated when read: a hand-edited or stale file fails with a message, not later.
 */
import { isAddress, isHash, type Address, type Hex } from "viem";
import { VeritraceError } from "./errors.ts";

/** Where one contract was deployed. */
export type ContractDeployment = { address: Address; blockNumber: number; transactionHash: Hex };

/**
 * The registries' protocol: 2 added brand names, GS1 company prefixes and label hosts to the
 * ProductRegistry (and changed `admitBrand`). A record without it is protocol 1, which this code cannot use.
 */
export const PROTOCOL_VERSION = 2;

export type Deployment = {
  /** Absent in records of protocol 1. */
  protocol?: number | undefined;
  chainId: number;
  /** The RPC the registries were deployed through: a development verifier's default way to read them. */
  rpcUrl?: string | undefined;
  productRegistry: ContractDeployment;
  /** Absent in records written before shipments existed: the next start deploys it and adds it. */
  shipmentRegistry?: ContractDeployment | undefined;
  /** Absent in records written before content licences existed: the next start deploys it and adds it. */
  licenceRegistry?: ContractDeployment | undefined;
  deployer: Address;
  governance: Address;
  registrar: Address;
  deployedAt: string;
};

function fail(message: string): never {
  throw new VeritraceError(`Deployment record: ${message}`, { code: "DEPLOYMENT_INVALID" });
}

export function parseDeployment(value: unknown): Deployment {
  const d = value as Partial<Deployment> | null;
  if (typeof d !== "object" || d === null) fail("not a JSON object");
  if (!Number.isSafeInteger(d.chainId) || d.chainId! <= 0) fail("chainId is not a positive integer");
  if (d.protocol !== undefined && !Number.isSafeInteger(d.protocol)) fail("protocol is not an integer");
  if (d.rpcUrl !== undefined && typeof d.rpcUrl !== "string") fail("rpcUrl is not a string");
  checkContract("productRegistry", d.productRegistry);
  if (d.shipmentRegistry !== undefined) checkContract("shipmentRegistry", d.shipmentRegistry);
  if (d.licenceRegistry !== undefined) checkContract("licenceRegistry", d.licenceRegistry);
  for (const key of ["deployer", "governance", "registrar"] as const) {
    if (!isAddress(d[key] ?? "")) fail(`${key} is not an address`);
  }
  if (typeof d.deployedAt !== "string") fail("deployedAt is not a string");
  return d as Deployment;
}

function checkContract(name: string, contract: Partial<ContractDeployment> | undefined): void {
  if (!contract || !isAddress(contract.address ?? "")) fail(`${name}.address is not an address`);
  if (!Number.isSafeInteger(contract.blockNumber)) fail(`${name}.blockNumber is not an integer`);
  if (!isHash(contract.transactionHash ?? "")) fail(`${name}.transactionHash is not a hash`);
}
