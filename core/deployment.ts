/**
 * The record of where the registry lives on a chain, written when it is deployed and read by everything
 * that talks to it. Validated when read: a hand-edited or stale file fails with a message, not later.
 */
import { isAddress, isHash, type Address, type Hex } from "viem";
import { VeritraceError } from "./errors.ts";

export type Deployment = {
  chainId: number;
  productRegistry: { address: Address; blockNumber: number; transactionHash: Hex };
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
  const registry = d.productRegistry;
  if (!registry || !isAddress(registry.address)) fail("productRegistry.address is not an address");
  if (!Number.isSafeInteger(registry.blockNumber)) fail("productRegistry.blockNumber is not an integer");
  if (!isHash(registry.transactionHash)) fail("productRegistry.transactionHash is not a hash");
  for (const key of ["deployer", "governance", "registrar"] as const) {
    if (!isAddress(d[key] ?? "")) fail(`${key} is not an address`);
  }
  if (typeof d.deployedAt !== "string") fail("deployedAt is not a string");
  return d as Deployment;
}
