/**
 * The verifier's trust roots: the consortium deployments it believes, fixed when the verifier is built or
 * configured and never taken from the service it talks to. A root names the chain, the registries on it,
 * the consortium that vouches for them, and the RPC endpoints to read it through. A service's network
 * announcement is only a hint that picks among the roots: a registry outside them is never believed.
 *
 * Validated when read, like the deployment record: a hand-edited file fails with a message, not later.
 */
import { getAddress, isAddress, type Address } from "viem";
import type { Deployment } from "./deployment.ts";
import { VeritraceError } from "./errors.ts";

export type TrustRoot = {
  /** Who vouches for this deployment, as a shopper reads it: "Veritrace Consortium". */
  name: string;
  chainId: number;
  productRegistry: Address;
  shipmentRegistry?: Address | undefined;
  licenceRegistry?: Address | undefined;
  /** The block the product registry was deployed in: no event of it is older. */
  fromBlock?: number | undefined;
  /** The RPC endpoints to read this chain through, most preferred first (the user may add their own). */
  rpcUrls: string[];
  /** A root the user added by hand, not one built in: shown with a warning wherever it is used. */
  addedByUser?: boolean | undefined;
};

/** The file format: `{ "version": 1, "roots": [...] }`. */
export type TrustRootsDocument = { version: 1; roots: TrustRoot[] };

/** What a service announces (GET /api/v1/network): a hint, never a root. */
export type AnnouncedNetwork = { chainId: number; registry: Address };

function fail(message: string): never {
  throw new VeritraceError(`Trust roots: ${message}`, { code: "TRUST_ROOTS_INVALID" });
}

/** Reads a trust-roots document (or a bare array of roots), checking every field. */
export function parseTrustRoots(value: unknown): TrustRoot[] {
  const list = Array.isArray(value) ? value : (value as Partial<TrustRootsDocument> | null)?.roots;
  if (!Array.isArray(list)) fail('expected { "version": 1, "roots": [...] }');
  if (list.length === 0) fail("no root: a verifier needs at least one deployment to trust");
  return list.map((root, i) => parseRoot(root, `roots[${i}]`));
}

export function parseRoot(value: unknown, where = "root"): TrustRoot {
  const r = value as Partial<TrustRoot> | null;
  if (typeof r !== "object" || r === null) fail(`${where} is not an object`);
  if (typeof r.name !== "string" || r.name.trim() === "" || r.name.length > 100) fail(`${where}.name must be 1-100 characters`);
  if (!Number.isSafeInteger(r.chainId) || r.chainId! <= 0) fail(`${where}.chainId is not a positive integer`);
  const address = (key: "productRegistry" | "shipmentRegistry" | "licenceRegistry", required: boolean): Address | undefined => {
    const v = r[key];
    if (v === undefined || v === null) {
      if (required) fail(`${where}.${key} is missing`);
      return undefined;
    }
    if (typeof v !== "string" || !isAddress(v, { strict: false })) fail(`${where}.${key} is not an address`);
    return getAddress(v);
  };
  if (r.fromBlock !== undefined && (!Number.isSafeInteger(r.fromBlock) || r.fromBlock < 0)) fail(`${where}.fromBlock is not a block number`);
  if (!Array.isArray(r.rpcUrls)) fail(`${where}.rpcUrls must be a list of RPC URLs (it may be empty)`);
  const rpcUrls = r.rpcUrls.map((url, i) => checkRpcUrl(url, `${where}.rpcUrls[${i}]`));
  return {
    name: r.name.trim(),
    chainId: r.chainId!,
    productRegistry: address("productRegistry", true)!,
    shipmentRegistry: address("shipmentRegistry", false),
    licenceRegistry: address("licenceRegistry", false),
    fromBlock: r.fromBlock,
    rpcUrls,
    ...(r.addedByUser === true ? { addedByUser: true } : {}),
  };
}

function checkRpcUrl(value: unknown, where: string): string {
  if (typeof value !== "string") fail(`${where} is not a string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`${where} is not a URL`);
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) fail(`${where} must be an http(s) or ws(s) URL`);
  return value;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The root for this chain and registry, if the verifier trusts it. */
export function findRoot(roots: readonly TrustRoot[], chainId: number, registry: string): TrustRoot | undefined {
  return roots.find((root) => root.chainId === chainId && same(root.productRegistry, registry));
}

export type ChooseRootReturnType = {
  /** The root to check against: the announced one when it is trusted, else the first root. */
  root: TrustRoot;
  /** Undefined: nothing was announced; false: the service announced a deployment outside the roots. */
  announcementTrusted: boolean | undefined;
};

/** Picks the root a check reads, taking the service's announcement as a hint only. */
export function chooseRoot(roots: readonly TrustRoot[], announced: AnnouncedNetwork | undefined): ChooseRootReturnType {
  if (roots.length === 0) fail("no root to check against");
  if (announced === undefined) return { root: roots[0]!, announcementTrusted: undefined };
  const trusted = findRoot(roots, announced.chainId, announced.registry);
  return trusted === undefined ? { root: roots[0]!, announcementTrusted: false } : { root: trusted, announcementTrusted: true };
}

export type RootFromDeploymentParameters = { name: string; rpcUrls: string[] };

/** The root that a deployment record describes: how `npm start` and the CLI make their development root. */
export function rootFromDeployment(deployment: Deployment, { name, rpcUrls }: RootFromDeploymentParameters): TrustRoot {
  return {
    name,
    chainId: deployment.chainId,
    productRegistry: deployment.productRegistry.address,
    shipmentRegistry: deployment.shipmentRegistry?.address,
    licenceRegistry: deployment.licenceRegistry?.address,
    fromBlock: deployment.productRegistry.blockNumber,
    rpcUrls,
  };
}
