/**
 * ISO 3166-1 alpha-2: the officially assigned country codes (249). Where an item was sold, where a
 * shipment goes, where a licence applies: every country in the system is one of these.
 */
import { hexToBytes, type Hex } from "viem";
import { VeritraceError } from "./errors.ts";

const ASSIGNED = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`;

export const COUNTRY_CODES: ReadonlySet<string> = new Set(ASSIGNED.trim().split(/\s+/));

export function isCountryCode(value: string): boolean {
  return COUNTRY_CODES.has(value);
}

/**
 * Codes people write for a country that ISO 3166-1 spells otherwise: UK (reserved, not assigned) and EL
 * (the EU's code for Greece). Named so that the refusal says which code to use instead.
 */
const USUAL_MISTAKES: Readonly<Record<string, { code: string; name: string }>> = {
  UK: { code: "GB", name: "the United Kingdom" },
  EL: { code: "GR", name: "Greece" },
};

/** Throws a VeritraceError (code UNKNOWN_COUNTRY) naming the value unless it is an assigned code. */
export function checkCountryCode(value: string, field = "country"): string {
  if (!isCountryCode(value)) {
    const upper = value.toUpperCase();
    const usual = USUAL_MISTAKES[upper];
    const hint =
      usual !== undefined ? `: ${usual.name} is ${usual.code}` : isCountryCode(upper) ? ` (write it in capitals: ${upper})` : "";
    throw new VeritraceError(`${field} ${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code${hint}`, {
      code: "UNKNOWN_COUNTRY",
      field,
    });
  }
  return value;
}

/** A country code ("FR") as the registries' `bytes2`. */
export function countryBytes(code: string): Hex {
  if (!/^[A-Z]{2}$/.test(code)) throw new RangeError(`country ${JSON.stringify(code)} is not two capitals`);
  return `0x${code.charCodeAt(0).toString(16)}${code.charCodeAt(1).toString(16)}`;
}

/** The registries' `bytes2` back to a code ("0x4652" → "FR"; zero bytes, an unset field, → ""). */
export function countryCode(value: Hex): string {
  const bytes = hexToBytes(value, { size: 2 });
  return bytes[0] === 0 && bytes[1] === 0 ? "" : String.fromCharCode(bytes[0]!, bytes[1]!);
}
