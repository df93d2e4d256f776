/**
 * The check form's values turned into the question for the chain, or, before any chain call, a message
 * for each field that is wrong. Pure: no DOM, no chain (test/app/licences.test.ts drives it in the page).
 */
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { isCountryCode } from "../../core/iso3166.ts";
import { platformIdOf } from "../../core/licence-ids.ts";
import type { LicenceQuery } from "./licence-chain.ts";
import { t } from "./words.ts";

export type CheckFields = { work: string; licensee: string; platform: string; country: string; at: string };
export type FieldErrors = Partial<Record<keyof CheckFields, string>>;
/** A field's value, or what is wrong with it. */
export type Parsed<T> = { value: T } | { error: string };
export type ParsedCheck = { ok: true; query: LicenceQuery; platformName: string | undefined } | { ok: false; errors: FieldErrors };

const HASH = /^(0x)?[0-9a-fA-F]{64}$/;

/** A work's content hash (0x optional, any case) as the contract's bytes32, or an error message. */
export function parseHash(value: string): Parsed<Hex> {
  const trimmed = value.trim();
  if (trimmed === "") return { error: t("error.workEmpty") };
  if (!HASH.test(trimmed)) return { error: t("error.workLength", { length: trimmed.replace(/^0x/, "").length }) };
  return { value: `0x${trimmed.replace(/^0x/, "").toLowerCase()}` };
}

/** An account: the licensee's (the check) or a rights holder's (the register's filter). */
export function parseAccount(value: string, whose: "licensee" | "holder"): Parsed<Address> {
  const trimmed = value.trim();
  if (trimmed === "") return { error: whose === "licensee" ? t("error.licenseeEmpty") : t("error.holderEmpty") };
  if (!isAddress(trimmed, { strict: false })) return { error: t("error.notAddress") };
  // Mixed case carries a checksum: a typo in it is caught here, all one case is taken as it is.
  if (trimmed !== trimmed.toLowerCase() && trimmed.slice(2) !== trimmed.slice(2).toUpperCase() && !isAddress(trimmed)) {
    return { error: t("error.checksum") };
  }
  return { value: getAddress(trimmed) };
}

/** A platform given by id (0x + 64 hex) or by name (its id is keccak-256 of the name). */
export function parsePlatform(value: string): Parsed<{ platformId: Hex; name: string | undefined }> {
  const trimmed = value.trim();
  if (trimmed === "") return { error: t("error.platformEmpty") };
  if (/^0x[0-9a-fA-F]{64}$/.test(trimmed)) return { value: { platformId: trimmed.toLowerCase() as Hex, name: undefined } };
  return { value: { platformId: platformIdOf(trimmed), name: trimmed } };
}

/** An assigned ISO 3166-1 alpha-2 code (core/iso3166.ts), capitals or not. */
export function parseCountry(value: string): Parsed<string> {
  const code = value.trim().toUpperCase();
  if (code === "") return { error: t("error.countryEmpty") };
  if (!isCountryCode(code)) return { error: t("error.countryUnknown", { value: JSON.stringify(value.trim()) }) };
  return { value: code };
}

/** A datetime-local value (the reader's own time zone) as Unix seconds; empty means now. */
export function parseTime(value: string, now: Date): Parsed<number> {
  if (value.trim() === "") return { value: Math.floor(now.getTime() / 1000) };
  const seconds = Math.floor(new Date(value).getTime() / 1000);
  if (Number.isNaN(seconds)) return { error: t("error.notDate") };
  if (seconds < 0) return { error: t("error.beforeEpoch") };
  return { value: seconds };
}

export function parseCheck(fields: CheckFields, now = new Date()): ParsedCheck {
  const work = parseHash(fields.work);
  const licensee = parseAccount(fields.licensee, "licensee");
  const platform = parsePlatform(fields.platform);
  const country = parseCountry(fields.country);
  const time = parseTime(fields.at, now);
  if ("value" in work && "value" in licensee && "value" in platform && "value" in country && "value" in time) {
    const query = { workId: work.value, licensee: licensee.value, platformId: platform.value.platformId, country: country.value, time: time.value };
    return { ok: true, query, platformName: platform.value.name };
  }
  const errors: FieldErrors = {};
  if ("error" in work) errors.work = work.error;
  if ("error" in licensee) errors.licensee = licensee.error;
  if ("error" in platform) errors.platform = platform.error;
  if ("error" in country) errors.country = country.error;
  if ("error" in time) errors.at = time.error;
  return { ok: false, errors };
}
