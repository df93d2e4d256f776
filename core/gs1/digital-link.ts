import type { ItemCode } from "../types.ts";
import { assertGs1Value, decodeSegment, encodeSegment, percentDecodeSegment } from "./charset.ts";
import { formatExpiry, parseExpiry } from "./date.ts";
import { aiName, Gs1ErrorCode, gs1Error } from "./errors.ts";
import type { Gs1TextAi } from "./charset.ts";
import type { Gs1Ai } from "./errors.ts";
import { isValidGtin14, normalizeGtin } from "./gtin.ts";

export type BuildDigitalLinkParameters = {
  /** Origin, optionally with a path prefix: `https://id.example.com` or `https://example.com/resolver/`. */
  base: string;
  code: ItemCode;
  /** base64url, no padding. */
  signature?: string | undefined;
};

export type ParseDigitalLinkReturnType = {
  /** Normalised origin plus any path prefix before `/01/`, without a trailing slash. */
  base: string;
  code: ItemCode;
  signature?: string;
};

const PATH_ORDER = ["01", "10", "21"] as const satisfies readonly Gs1Ai[];
const SIGNATURE = /^[A-Za-z0-9_-]{1,200}$/;
const SIGNATURE_MAX_LENGTH = 200;
// The authority ends at the first "/" (or "\", which WHATWG URL reads as "/" for http and https).
const SCHEME_AND_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\\]*/;
// URL silently drops tabs and newlines anywhere in its input; a label must not mean something
// other than what is printed, so control characters are refused before URL sees them.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * `https://<host>[/prefix]/01/<gtin14>/10/<lot>/21/<serial>?17=<YYMMDD>&s=<signature>`.
 * Every field is checked with the parser's rules first, so an ItemCode that would not parse back
 * identically is never printed.
 */
export function buildDigitalLink({ base, code, signature }: BuildDigitalLinkParameters): string {
  const root = normaliseBase(base);
  assertGtin14(code.gtin);
  const lot = encodePathValue(code.lot, "10");
  const serial = encodePathValue(code.serial, "21");
  const query: string[] = [];
  if (code.expiry !== undefined) query.push(`17=${formatExpiry(code.expiry)}`);
  if (signature !== undefined) query.push(`s=${checkSignature(signature)}`);
  const search = query.length === 0 ? "" : `?${query.join("&")}`;
  return `${root}/01/${code.gtin}/10/${lot}/21/${serial}${search}`;
}

/**
 * Checks an ItemCode against every rule a label must satisfy (GTIN-14 with its check digit, lot and serial
 * in the GS1 set and printable in a URI path, a real expiry date), without building the URI.
 */
export function validateItemCode(code: ItemCode): void {
  validateBatchCode(code);
  validatePathValue(code.serial, "21");
}

/** The batch-wide part of that check: GTIN, lot and expiry. */
export function validateBatchCode(code: Omit<ItemCode, "serial">): void {
  assertGtin14(code.gtin);
  validatePathValue(code.lot, "10");
  if (code.expiry !== undefined) formatExpiry(code.expiry);
}

/** Checks a lot (AI 10) or serial (AI 21) as a label's URI path will carry it. */
export function validatePathValue(value: string, ai: Gs1TextAi): void {
  assertGs1Value(value, ai);
  assertNotDotSegment(value, ai);
}

/**
 * Reads an item code URI. The path and query are taken from the raw string, not from `URL`'s
 * normalised view, because `URL` percent-encodes a raw space or quote and resolves "." segments:
 * those would otherwise pass as if the label had been encoded correctly.
 */
export function parseDigitalLink(uri: string): ParseDigitalLinkReturnType {
  const controlAt = uri.search(CONTROL_CHARACTER);
  if (controlAt !== -1) {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", `URI has a control character at position ${controlAt + 1}`);
  }
  const url = parseHttpUrl(uri);
  const { path, query } = splitRaw(uri);

  const segments = path.split("/");
  const start = segments.indexOf("01");
  if (start === -1) {
    throw gs1Error(Gs1ErrorCode.MISSING_AI, "01", `URI path has no ${aiName("01")} segment (/01/<gtin>)`);
  }
  const values = readPathPairs(segments.slice(start), segments.slice(0, start));
  const gtin = normalizeGtin(percentDecodeSegment(values["01"], "01"));
  const lot = decodePathValue(values["10"], "10");
  const serial = decodePathValue(values["21"], "21");

  if (url.pathname !== path) {
    throw gs1Error(
      Gs1ErrorCode.BAD_URI,
      "uri",
      `URI path ${JSON.stringify(path)} is not in normal form (a URL parser reads it as ${JSON.stringify(url.pathname)})`,
    );
  }

  const { expiry, signature } = readQuery(query);
  const code: ItemCode = { gtin, lot, serial };
  if (expiry !== undefined) code.expiry = expiry;
  const parsed: ParseDigitalLinkReturnType = { base: url.origin + segments.slice(0, start).join("/"), code };
  if (signature !== undefined) parsed.signature = signature;
  return parsed;
}

function normaliseBase(base: string): string {
  const url = parseHttpUrl(base);
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(base)) {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", `base ${JSON.stringify(base)} must not have a query or fragment`);
  }
  const prefix = url.pathname.replace(/\/+$/, "");
  // The parser takes the first "01" segment as the start of the GS1 path.
  if (prefix.split("/").includes("01")) {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", `base path ${JSON.stringify(prefix)} must not contain a "01" segment`);
  }
  return url.origin + prefix;
}

function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", `${JSON.stringify(input)} is not a URI`, cause);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", `URI scheme must be https or http, got ${JSON.stringify(url.protocol)}`);
  }
  // `origin` drops user information, so keeping it would change what the label points at.
  if (url.username !== "" || url.password !== "") {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", "URI must not carry a user name or password");
  }
  return url;
}

function splitRaw(uri: string): { path: string; query: string } {
  const withoutFragment = uri.split("#", 1)[0] ?? "";
  const queryAt = withoutFragment.indexOf("?");
  const beforeQuery = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const authority = SCHEME_AND_AUTHORITY.exec(beforeQuery);
  if (authority === null) {
    throw gs1Error(Gs1ErrorCode.BAD_URI, "uri", `URI must start with "https://" or "http://" and a host`);
  }
  return {
    path: beforeQuery.slice(authority[0].length),
    query: queryAt === -1 ? "" : withoutFragment.slice(queryAt + 1),
  };
}

/**
 * Checks `01/<v>/10/<v>/21/<v>` as a sequence of AI/value pairs and returns the raw values.
 * `prefix` is only consulted to explain a missing qualifier that was put before `/01/`.
 */
function readPathPairs(pairs: string[], prefix: string[]): Record<(typeof PATH_ORDER)[number], string> {
  const seen: string[] = [];
  const values: Partial<Record<(typeof PATH_ORDER)[number], string>> = {};
  for (let index = 0; index < pairs.length; index += 2) {
    const ai = pairs[index] ?? "";
    if (!isPathAi(ai)) {
      throw gs1Error(
        Gs1ErrorCode.UNKNOWN_SEGMENT,
        "uri",
        ai === ""
          ? "URI path has an empty segment after the GS1 key; only /01/<gtin>/10/<lot>/21/<serial> is accepted"
          : `URI path segment ${JSON.stringify(ai)} is not AI (01), (10) or (21); only /01/<gtin>/10/<lot>/21/<serial> is accepted`,
      );
    }
    if (seen.includes(ai)) {
      throw gs1Error(Gs1ErrorCode.DUPLICATE_PARAMETER, ai, `${aiName(ai)} appears more than once in the URI path`);
    }
    const expected = PATH_ORDER[seen.length];
    if (expected !== undefined && ai !== expected) {
      const expectedLater = pairs.some((segment, at) => at % 2 === 0 && at > index && segment === expected);
      throw expectedLater
        ? gs1Error(
            Gs1ErrorCode.QUALIFIER_ORDER,
            ai,
            `${aiName(ai)} must come after ${aiName(expected)}: the GS1 path order is /01/<gtin>/10/<lot>/21/<serial>`,
          )
        : missingAi(expected, prefix);
    }
    const value = pairs[index + 1];
    if (value === undefined) {
      throw gs1Error(Gs1ErrorCode.EMPTY, ai, `${aiName(ai)} has no value in the URI path`);
    }
    seen.push(ai);
    values[ai] = value;
  }
  const missing = PATH_ORDER[seen.length];
  if (missing !== undefined) throw missingAi(missing, prefix);
  return values as Record<(typeof PATH_ORDER)[number], string>;
}

function missingAi(ai: (typeof PATH_ORDER)[number], prefix: string[]): Error {
  if (prefix.includes(ai)) {
    return gs1Error(
      Gs1ErrorCode.QUALIFIER_ORDER,
      ai,
      `${aiName(ai)} must come after ${aiName("01")}: the GS1 path order is /01/<gtin>/10/<lot>/21/<serial>`,
    );
  }
  return gs1Error(Gs1ErrorCode.MISSING_AI, ai, `URI path has no ${aiName(ai)} segment (the GS1 path is /01/<gtin>/10/<lot>/21/<serial>)`);
}

function isPathAi(segment: string): segment is (typeof PATH_ORDER)[number] {
  return (PATH_ORDER as readonly string[]).includes(segment);
}

function readQuery(query: string): { expiry: number | undefined; signature: string | undefined } {
  const found = new Map<string, string>();
  for (const parameter of query.split("&")) {
    if (parameter === "") continue;
    const equalsAt = parameter.indexOf("=");
    const key = equalsAt === -1 ? parameter : parameter.slice(0, equalsAt);
    const value = equalsAt === -1 ? "" : parameter.slice(equalsAt + 1);
    if (isPathAi(key)) {
      // Ignoring it would let one URI show two different serials depending on who reads it.
      throw gs1Error(Gs1ErrorCode.DUPLICATE_PARAMETER, key, `${aiName(key)} belongs in the URI path, not the query string`);
    }
    if (key !== "17" && key !== "s") continue;
    if (found.has(key)) {
      const name = key === "s" ? 'Signature parameter "s"' : aiName(key);
      throw gs1Error(Gs1ErrorCode.DUPLICATE_PARAMETER, key, `${name} appears more than once in the query string`);
    }
    found.set(key, value);
  }
  const expiry = found.get("17");
  const signature = found.get("s");
  return {
    expiry: expiry === undefined ? undefined : parseExpiry(expiry),
    signature: signature === undefined ? undefined : checkSignature(signature),
  };
}

function checkSignature(signature: string): string {
  if (SIGNATURE.test(signature)) return signature;
  const badAt = [...signature].findIndex((character) => !/^[A-Za-z0-9_-]$/.test(character));
  const reason =
    signature.length === 0
      ? "is empty"
      : badAt !== -1
        ? `has a character outside base64url at position ${badAt + 1}`
        : `is ${signature.length} characters long, at most ${SIGNATURE_MAX_LENGTH} are allowed`;
  throw gs1Error(Gs1ErrorCode.BAD_SIGNATURE_ENCODING, "s", `Signature parameter "s" ${reason}`);
}

function assertGtin14(gtin: string): void {
  if (isValidGtin14(gtin)) return;
  normalizeGtin(gtin);
  // A shorter GTIN is valid GS1 but not a valid ItemCode: the brand signed the 14-digit form,
  // and silently padding here would print a label for a code nobody signed.
  throw gs1Error(
    Gs1ErrorCode.BAD_GTIN_LENGTH,
    "01",
    `${aiName("01")} in an ItemCode must have 14 digits, got ${gtin.length}; pass it through normalizeGtin first`,
  );
}

function encodePathValue(value: string, ai: Gs1TextAi): string {
  validatePathValue(value, ai);
  return encodeSegment(value);
}

function decodePathValue(segment: string, ai: Gs1TextAi): string {
  const value = decodeSegment(segment, ai);
  assertNotDotSegment(value, ai);
  return value;
}

// "." and ".." are valid GS1 values, but URL parsers (browsers included) remove them from a path
// even when percent-encoded, so a scanned label would reach the resolver without its lot or serial.
function assertNotDotSegment(value: string, ai: Gs1TextAi): void {
  if (value === "." || value === "..") {
    throw gs1Error(
      Gs1ErrorCode.DOT_SEGMENT,
      ai,
      `${aiName(ai)} ${JSON.stringify(value)} cannot be carried in a URI path: URL parsers remove "." and ".." segments`,
    );
  }
}
