/**
 * Option and argument parsers, and options shared by several commands. A parser throws commander's
 * InvalidArgumentError, so a typo is a usage error naming the option (exit 2) before any request.
 */
import { InvalidArgumentError, Option } from "commander";
import { VeritraceError } from "../core/errors.ts";
import { assertGs1CompanyPrefix } from "../core/gs1/prefix.ts";
import { checkCountryCode } from "../core/iso3166.ts";
import { LABEL_FORMATS } from "../api/batches.ts";

/** Digits only: the range (1 to the service's maximum) is the service's to check and to explain. */
export function parseCount(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError("must be a whole number, e.g. 1000");
  return Number(value);
}

export const formatOption = () =>
  new Option("--format <format>", "label format (default: from the --out extension; .zip means svg)").choices(LABEL_FORMATS);

/** An RPC endpoint: http(s) or ws(s). */
export function parseRpcUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("must be an RPC URL, e.g. https://rpc.example.org or http://127.0.0.1:8545");
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) throw new InvalidArgumentError("must be an http(s) or ws(s) URL");
  return value;
}

/** A GS1 company prefix: 4 to 12 digits (core/gs1/prefix.ts, the rule the registry applies). */
export function parsePrefix(value: string): string {
  return fromCore(() => assertGs1CompanyPrefix(value));
}

/** ISO 3166-1 alpha-2 in capitals, an assigned code; the United Kingdom's is GB. */
export function parseCountry(value: string): string {
  if (value.toUpperCase() === "UK") throw new InvalidArgumentError(`${JSON.stringify(value)} is not an ISO 3166-1 code: use GB, not UK`);
  return fromCore(() => checkCountryCode(value));
}

/**
 * A host as a label's link names it (lower-cased here): letters, digits, dots and dashes, with an optional
 * port; no scheme, no path. The service and the registry check the same.
 */
export function parseHost(value: string): string {
  const host = value.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host) || host.includes("/")) {
    const bare = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split("/")[0];
    throw new InvalidArgumentError(`give the host only, without scheme or path${bare ? `: ${bare}` : ""}`);
  }
  if (!/^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::[0-9]{1,5})?$/.test(host) || host.includes("..")) {
    throw new InvalidArgumentError("must be a host name such as id.brand.example, with an optional :port");
  }
  return host;
}

/** A brand id: 0x and 64 hex digits, as `brand show` prints it. */
export function parseBrandId(value: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new InvalidArgumentError("must be a brand id: 0x and 64 hex digits, as `brand show` prints it");
  return value.toLowerCase();
}

/** For a repeatable option: each value parsed, in the order given. */
export const collect =
  <T>(parse: (value: string) => T) =>
  (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];

function fromCore(check: () => string): string {
  try {
    return check();
  } catch (error) {
    if (error instanceof VeritraceError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}
