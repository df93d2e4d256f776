/**
 * The user's own RPC, when they prefer not to read the chain through the node the site announces. The
 * page's Content-Security-Policy (server/http/static-app.ts) lets it connect to any HTTPS origin and to
 * this device's loopback, so only those are accepted here: anything else would be blocked by the browser
 * and look like an unreachable chain.
 */
import { t } from "../i18n/i18n.ts";
import { readStored, writeStored } from "./local-store.ts";

const KEY = "rpcUrl";

export class RpcUrlError extends Error {
  override name = "RpcUrlError";
}

export function storedRpcUrl(): string | undefined {
  const stored = readStored(KEY);
  if (stored === undefined) return undefined;
  try {
    return checkRpcUrl(stored);
  } catch {
    return undefined;
  }
}

/** Saves (or, for an empty value, forgets) the user's RPC; throws `RpcUrlError` for one the page cannot use. */
export function saveRpcUrl(value: string): string | undefined {
  const trimmed = value.trim();
  const url = trimmed === "" ? undefined : checkRpcUrl(trimmed);
  writeStored(KEY, url);
  return url;
}

function checkRpcUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RpcUrlError(t("rpc.notUrl"));
  }
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol === "https:" || (url.protocol === "http:" && loopback)) return url.href;
  throw new RpcUrlError(t("rpc.notHttps"));
}
