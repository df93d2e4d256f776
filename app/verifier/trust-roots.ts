/**
 * The page's trust roots: baked in by a static build, or the file served beside the page by whoever hosts
 * it (never the API's announcement), plus any deployment the user added by hand in Settings, which every
 * answer read through it flags. See core/trust-roots.ts for what a root holds.
 */
import { parseRoot, parseTrustRoots, type TrustRoot } from "../../core/trust-roots.ts";
import { t } from "../i18n/i18n.ts";
import { BAKED_TRUST_ROOTS } from "./build-config.ts";
import { readStored, writeStored } from "./local-store.ts";

const USER_ROOTS = "userTrustRoots";
/** Served beside the verifier page (server/http/trust-roots-file.ts); a static build has its roots baked in. */
const ROOTS_FILE = "/verify/trust-roots.json";

export class TrustRootsError extends Error {
  override name = "TrustRootsError";
}

/** The built-in roots (baked or from the page's file), then the user's own. */
export async function loadTrustRoots(): Promise<TrustRoot[]> {
  const builtIn = BAKED_TRUST_ROOTS ?? (await fetchRootsFile());
  return [...builtIn, ...userRoots()];
}

async function fetchRootsFile(): Promise<TrustRoot[]> {
  let res: Response;
  try {
    res = await fetch(ROOTS_FILE, { headers: { accept: "application/json" } });
  } catch (cause) {
    throw new TrustRootsError(t("trustRoots.unreachable"), { cause });
  }
  if (!res.ok) throw new TrustRootsError(t("trustRoots.failedStatus", { status: res.status }));
  return parseTrustRoots(await res.json());
}

export function userRoots(): TrustRoot[] {
  try {
    const list: unknown = JSON.parse(readStored(USER_ROOTS) ?? "[]");
    return Array.isArray(list) ? list.map((root) => ({ ...parseRoot(root), addedByUser: true })) : [];
  } catch {
    return [];
  }
}

/** Adds a deployment the user vouches for; throws the parser's message for a malformed one. */
export function addUserRoot(root: TrustRoot): TrustRoot {
  const checked = { ...parseRoot(root), addedByUser: true };
  const others = userRoots().filter((r) => !(r.chainId === checked.chainId && r.productRegistry === checked.productRegistry));
  writeStored(USER_ROOTS, JSON.stringify([...others, checked]));
  return checked;
}

export function forgetUserRoots(): void {
  writeStored(USER_ROOTS, undefined);
}
