import { expect } from "chai";
import type { ItemCode } from "../../../core/types.ts";
import { GS1_CHARSET_82 } from "../../../core/gs1/charset.ts";
import { buildDigitalLink, parseDigitalLink } from "../../../core/gs1/digital-link.ts";
import { Gs1ErrorCode } from "../../../core/gs1/errors.ts";
import { expectGs1Error } from "./expect-gs1-error.ts";

const BASE = "https://id.example.com";
const GTIN = "09506000134352";
const PATH = `/01/${GTIN}/10/LOT1/21/SN1`;
const SIGNATURE = "MEUCIQD3k_4-Zx9y0aB";

function withPath(path: string, query = ""): string {
  return `${BASE}${path}${query}`;
}

describe("buildDigitalLink", () => {
  it("prints the GS1 path after the base", () => {
    const code: ItemCode = { gtin: GTIN, lot: "LOT1", serial: "SN1" };
    expect(buildDigitalLink({ base: BASE, code })).to.equal(`${BASE}/01/${GTIN}/10/LOT1/21/SN1`);
  });

  it("puts 17 before s in the query string", () => {
    const code: ItemCode = { gtin: GTIN, lot: "LOT1", serial: "SN1", expiry: 270228 };
    expect(buildDigitalLink({ base: BASE, code, signature: SIGNATURE })).to.equal(
      `${BASE}/01/${GTIN}/10/LOT1/21/SN1?17=270228&s=${SIGNATURE}`,
    );
  });

  it("omits 17 when there is no expiry and s when there is no signature", () => {
    const code: ItemCode = { gtin: GTIN, lot: "LOT1", serial: "SN1" };
    expect(buildDigitalLink({ base: BASE, code, signature: SIGNATURE })).to.equal(`${BASE}${PATH}?s=${SIGNATURE}`);
    expect(buildDigitalLink({ base: BASE, code: { ...code, expiry: 270228 } })).to.equal(`${BASE}${PATH}?17=270228`);
  });

  it("prints an expiry with a leading zero year as six digits", () => {
    const code: ItemCode = { gtin: GTIN, lot: "LOT1", serial: "SN1", expiry: 91231 };
    expect(buildDigitalLink({ base: BASE, code })).to.equal(`${BASE}${PATH}?17=091231`);
  });

  it("percent-encodes reserved characters with upper-case hex", () => {
    const code: ItemCode = { gtin: GTIN, lot: "A/B", serial: "x*y" };
    expect(buildDigitalLink({ base: BASE, code })).to.equal(`${BASE}/01/${GTIN}/10/A%2FB/21/x%2Ay`);
  });

  context("when the base has a trailing slash or a path prefix", () => {
    it("appends the GS1 path without doubling the slash", () => {
      const code: ItemCode = { gtin: GTIN, lot: "LOT1", serial: "SN1" };
      expect(buildDigitalLink({ base: `${BASE}/`, code })).to.equal(`${BASE}${PATH}`);
      expect(buildDigitalLink({ base: "https://example.com/resolver/", code })).to.equal(
        `https://example.com/resolver${PATH}`,
      );
    });
  });

  context("when the ItemCode is invalid", () => {
    it("refuses a GTIN that is not in the 14-digit form, even if valid as a GTIN-13", () => {
      expectGs1Error(() => buildDigitalLink({ base: BASE, code: { gtin: "9506000134352", lot: "L", serial: "S" } }), {
        code: Gs1ErrorCode.BAD_GTIN_LENGTH,
        field: "01",
        mentions: ["AI (01)", "14 digits"],
      });
    });

    it("refuses a bad check digit", () => {
      expectGs1Error(() => buildDigitalLink({ base: BASE, code: { gtin: "09506000134353", lot: "L", serial: "S" } }), {
        code: Gs1ErrorCode.BAD_CHECK_DIGIT,
        field: "01",
        mentions: ["AI (01)", "expected 2"],
      });
    });

    it("refuses a serial with a space", () => {
      expectGs1Error(() => buildDigitalLink({ base: BASE, code: { gtin: GTIN, lot: "L", serial: "SN 1" } }), {
        code: Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
        field: "21",
        mentions: ["AI (21) serial", "(space)", "position 3"],
      });
    });

    it("refuses a 21-character lot", () => {
      expectGs1Error(() => buildDigitalLink({ base: BASE, code: { gtin: GTIN, lot: "L".repeat(21), serial: "S" } }), {
        code: Gs1ErrorCode.TOO_LONG,
        field: "10",
        mentions: ["AI (10) lot"],
      });
    });

    it("refuses an expiry that is not a date", () => {
      const code: ItemCode = { gtin: GTIN, lot: "L", serial: "S", expiry: 270230 };
      expectGs1Error(() => buildDigitalLink({ base: BASE, code }), {
        code: Gs1ErrorCode.BAD_DATE,
        field: "17",
        mentions: ["AI (17)"],
      });
    });

    it('refuses a lot of "." or "..", which URL parsers would drop from the path', () => {
      for (const lot of [".", ".."]) {
        expectGs1Error(() => buildDigitalLink({ base: BASE, code: { gtin: GTIN, lot, serial: "S" } }), {
          code: Gs1ErrorCode.DOT_SEGMENT,
          field: "10",
          mentions: ["AI (10) lot"],
        });
      }
    });
  });

  context("when the signature is not base64url", () => {
    it("refuses padding and characters of standard base64", () => {
      const code: ItemCode = { gtin: GTIN, lot: "L", serial: "S" };
      for (const signature of ["abc=", "ab+c", "ab/c", ""]) {
        expectGs1Error(() => buildDigitalLink({ base: BASE, code, signature }), {
          code: Gs1ErrorCode.BAD_SIGNATURE_ENCODING,
          field: "s",
          mentions: ['"s"'],
        });
      }
    });
  });

  context("when the base is not usable", () => {
    const code: ItemCode = { gtin: GTIN, lot: "L", serial: "S" };

    it("refuses a scheme other than http and https", () => {
      expectGs1Error(() => buildDigitalLink({ base: "ftp://id.example.com", code }), {
        code: Gs1ErrorCode.BAD_URI,
        field: "uri",
        mentions: ["scheme"],
      });
    });

    it("refuses a base with a query string", () => {
      expectGs1Error(() => buildDigitalLink({ base: `${BASE}/?x=1`, code }), { code: Gs1ErrorCode.BAD_URI, field: "uri" });
    });

    it('refuses a base path with a "01" segment, which the parser would take for the GTIN', () => {
      expectGs1Error(() => buildDigitalLink({ base: `${BASE}/01`, code }), {
        code: Gs1ErrorCode.BAD_URI,
        field: "uri",
        mentions: ['"01"'],
      });
    });
  });
});

describe("parseDigitalLink", () => {
  it("reads the GTIN, lot, serial, expiry and signature", () => {
    expect(parseDigitalLink(withPath(PATH, `?17=270228&s=${SIGNATURE}`))).to.deep.equal({
      base: BASE,
      code: { gtin: GTIN, lot: "LOT1", serial: "SN1", expiry: 270228 },
      signature: SIGNATURE,
    });
  });

  it("leaves expiry and signature out when absent", () => {
    expect(parseDigitalLink(withPath(PATH))).to.deep.equal({ base: BASE, code: { gtin: GTIN, lot: "LOT1", serial: "SN1" } });
  });

  it("accepts http as well as https", () => {
    expect(parseDigitalLink(`http://id.example.com${PATH}`).base).to.equal("http://id.example.com");
  });

  it("returns the path prefix before /01/ as part of the base", () => {
    expect(parseDigitalLink(`https://example.com/resolver/v1${PATH}`).base).to.equal("https://example.com/resolver/v1");
  });

  it("accepts the GS1 example GTIN 09506000134352", () => {
    expect(parseDigitalLink(withPath(PATH)).code.gtin).to.equal("09506000134352");
  });

  context("when the GTIN is a GTIN-8, 12 or 13", () => {
    for (const [short, full] of [
      ["96385074", "00000096385074"],
      ["036000291452", "00036000291452"],
      ["9506000134352", "09506000134352"],
    ] as const) {
      it(`normalises ${short.length} digits to 14`, () => {
        expect(parseDigitalLink(withPath(`/01/${short}/10/L/21/S`)).code.gtin).to.equal(full);
      });
    }
  });

  context("when the expiry has DD = 00", () => {
    it("accepts it", () => {
      expect(parseDigitalLink(withPath(PATH, "?17=270200")).code.expiry).to.equal(270200);
    });
  });

  context("when percent-escapes use lower-case hex", () => {
    it("decodes them", () => {
      expect(parseDigitalLink(withPath(`/01/${GTIN}/10/a%2fb/21/c%2a%21`)).code).to.deep.equal({
        gtin: GTIN,
        lot: "a/b",
        serial: "c*!",
      });
    });
  });

  it("ignores other query parameters and the fragment", () => {
    const parsed = parseDigitalLink(withPath(PATH, `?linkType=gs1:pip&17=270228&s=${SIGNATURE}#top`));
    expect(parsed.code.expiry).to.equal(270228);
    expect(parsed.signature).to.equal(SIGNATURE);
  });

  context("when the GTIN check digit is wrong (09506000134353)", () => {
    it("rejects it naming AI (01) and both digits", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/09506000134353/10/L/21/S`)), {
        code: Gs1ErrorCode.BAD_CHECK_DIGIT,
        field: "01",
        mentions: ["AI (01)", "check digit is 3, expected 2"],
      });
    });
  });

  context("when the GTIN is not digits", () => {
    it("rejects it naming AI (01)", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/0950600013435X/10/L/21/S`)), {
        code: Gs1ErrorCode.NOT_DIGITS,
        field: "01",
        mentions: ["AI (01)", '"X"'],
      });
    });
  });

  context("when the qualifiers are in the wrong order", () => {
    it("rejects /01/…/21/…/10/… naming the order rule", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/21/S/10/L`)), {
        code: Gs1ErrorCode.QUALIFIER_ORDER,
        field: "21",
        mentions: ["AI (21)", "AI (10)", "/01/<gtin>/10/<lot>/21/<serial>"],
      });
    });

    it("rejects a qualifier placed before the GTIN", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/10/L/01/${GTIN}/21/S`)), {
        code: Gs1ErrorCode.QUALIFIER_ORDER,
        field: "10",
        mentions: ["AI (10)", "AI (01)"],
      });
    });
  });

  context("when an AI is missing from the path", () => {
    it("rejects a path without a serial naming AI (21)", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L`)), {
        code: Gs1ErrorCode.MISSING_AI,
        field: "21",
        mentions: ["AI (21)"],
      });
    });

    it("rejects a path without a lot naming AI (10)", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/21/S`)), {
        code: Gs1ErrorCode.MISSING_AI,
        field: "10",
        mentions: ["AI (10)"],
      });
    });

    it("rejects a path without a GTIN naming AI (01)", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/10/L/21/S`)), {
        code: Gs1ErrorCode.MISSING_AI,
        field: "01",
        mentions: ["AI (01)"],
      });
    });

    it("rejects an AI with no value after it", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/21`)), {
        code: Gs1ErrorCode.EMPTY,
        field: "21",
        mentions: ["AI (21)"],
      });
    });

    it("rejects an empty value", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10//21/S`)), {
        code: Gs1ErrorCode.EMPTY,
        field: "10",
        mentions: ["AI (10)"],
      });
    });
  });

  context("when an AI appears twice in the path", () => {
    it("rejects it naming the AI", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/10/M/21/S`)), {
        code: Gs1ErrorCode.DUPLICATE_PARAMETER,
        field: "10",
        mentions: ["AI (10)"],
      });
    });
  });

  context("when the path has unknown or extra segments", () => {
    it("rejects an AI other than 01, 10 and 21", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/22/V/21/S`)), {
        code: Gs1ErrorCode.UNKNOWN_SEGMENT,
        field: "uri",
        mentions: ['"22"'],
      });
    });

    it("rejects segments after the serial", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`${PATH}/extra/x`)), {
        code: Gs1ErrorCode.UNKNOWN_SEGMENT,
        field: "uri",
        mentions: ['"extra"'],
      });
    });

    it("rejects a trailing slash", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`${PATH}/`)), { code: Gs1ErrorCode.UNKNOWN_SEGMENT, field: "uri" });
    });

    it("rejects GS1 short names, which are not supported", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/gtin/${GTIN}/lot/L/ser/S`)), {
        code: Gs1ErrorCode.MISSING_AI,
        field: "01",
      });
    });
  });

  context("when the serial has an unencoded reserved character", () => {
    it("rejects a raw \"!\" naming AI (21), the character and how to encode it", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/21/SN!1`)), {
        code: Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
        field: "21",
        mentions: ["AI (21) serial", '"!"', "%21"],
      });
    });

    it("rejects a raw \"+\" instead of reading it as a space or a plus", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/A+B/21/S`)), {
        code: Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
        field: "10",
        mentions: ["AI (10) lot", '"+"'],
      });
    });
  });

  context("when the serial has a raw space", () => {
    it("rejects it naming AI (21) and the space", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/21/SN 1`)), {
        code: Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
        field: "21",
        mentions: ["AI (21) serial", "(space)", "position 3"],
      });
    });
  });

  context("when the serial has a space encoded as %20", () => {
    it("rejects it naming AI (21) and the space", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/21/SN%201`)), {
        code: Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
        field: "21",
        mentions: ["AI (21) serial", '" " (space)', "position 3"],
      });
    });
  });

  context("when the serial is 21 characters long", () => {
    it("rejects it naming AI (21) and the length", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/21/${"S".repeat(21)}`)), {
        code: Gs1ErrorCode.TOO_LONG,
        field: "21",
        mentions: ["AI (21) serial", "21 characters"],
      });
    });
  });

  context("when a percent sign is not an escape", () => {
    it("rejects it as bad percent-encoding", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/100%/21/S`)), {
        code: Gs1ErrorCode.BAD_PERCENT_ENCODING,
        field: "10",
        mentions: ["AI (10) lot"],
      });
    });
  });

  context('when the lot is ".." written as %2E%2E', () => {
    it("rejects it because URL parsers resolve it as a dot segment", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/%2E%2E/21/S`)), {
        code: Gs1ErrorCode.DOT_SEGMENT,
        field: "10",
        mentions: ["AI (10) lot"],
      });
    });
  });

  context("when the path prefix would be rewritten by a URL parser", () => {
    it("rejects it instead of reading a different path", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/a/..${PATH}`)), { code: Gs1ErrorCode.BAD_URI, field: "uri" });
      expectGs1Error(() => parseDigitalLink(withPath(`/a b${PATH}`)), { code: Gs1ErrorCode.BAD_URI, field: "uri" });
    });
  });

  context("when the expiry is not a real date (17=270230)", () => {
    it("rejects it naming AI (17)", () => {
      expectGs1Error(() => parseDigitalLink(withPath(PATH, "?17=270230")), {
        code: Gs1ErrorCode.BAD_DATE,
        field: "17",
        mentions: ["AI (17)", "270230"],
      });
    });
  });

  context("when the expiry is not 6 digits", () => {
    it("rejects it naming AI (17)", () => {
      expectGs1Error(() => parseDigitalLink(withPath(PATH, "?17=2702")), { code: Gs1ErrorCode.BAD_DATE, field: "17" });
      expectGs1Error(() => parseDigitalLink(withPath(PATH, "?17=27-02-28")), { code: Gs1ErrorCode.NOT_DIGITS, field: "17" });
      expectGs1Error(() => parseDigitalLink(withPath(PATH, "?17=")), { code: Gs1ErrorCode.EMPTY, field: "17" });
    });
  });

  context("when s appears twice", () => {
    it("rejects it as a duplicate parameter", () => {
      expectGs1Error(() => parseDigitalLink(withPath(PATH, `?s=${SIGNATURE}&s=${SIGNATURE}`)), {
        code: Gs1ErrorCode.DUPLICATE_PARAMETER,
        field: "s",
        mentions: ['"s"'],
      });
    });
  });

  context("when 17 appears twice", () => {
    it("rejects it as a duplicate parameter", () => {
      expectGs1Error(() => parseDigitalLink(withPath(PATH, "?17=270228&17=280228")), {
        code: Gs1ErrorCode.DUPLICATE_PARAMETER,
        field: "17",
        mentions: ["AI (17)"],
      });
    });
  });

  context("when a path AI also appears in the query string", () => {
    it("rejects it rather than choosing one of the two values", () => {
      expectGs1Error(() => parseDigitalLink(withPath(PATH, "?21=OTHER")), {
        code: Gs1ErrorCode.DUPLICATE_PARAMETER,
        field: "21",
        mentions: ["AI (21)"],
      });
    });
  });

  context("when the signature is not base64url", () => {
    for (const [label, signature] of [
      ["has padding", "abc="],
      ["has a percent-escape", "ab%2Bc"],
      ["is empty", ""],
      ["is longer than 200 characters", "a".repeat(201)],
    ] as const) {
      it(`rejects one that ${label}`, () => {
        expectGs1Error(() => parseDigitalLink(withPath(PATH, `?s=${signature}`)), {
          code: Gs1ErrorCode.BAD_SIGNATURE_ENCODING,
          field: "s",
          mentions: ['"s"'],
        });
      });
    }

    it("accepts exactly 200 characters", () => {
      expect(parseDigitalLink(withPath(PATH, `?s=${"a".repeat(200)}`)).signature).to.have.length(200);
    });
  });

  context("when the input is not an http(s) URI", () => {
    for (const input of ["not a uri", `ftp://id.example.com${PATH}`, `https:id.example.com${PATH}`, `https://user@id.example.com${PATH}`]) {
      it(`rejects ${JSON.stringify(input)}`, () => {
        expectGs1Error(() => parseDigitalLink(input), { code: Gs1ErrorCode.BAD_URI, field: "uri" });
      });
    }

    it("rejects a control character that URL would silently drop", () => {
      expectGs1Error(() => parseDigitalLink(withPath(`/01/${GTIN}/10/L/21/S\tN`)), {
        code: Gs1ErrorCode.BAD_URI,
        field: "uri",
        mentions: ["control character"],
      });
    });
  });
});

describe("buildDigitalLink then parseDigitalLink", () => {
  function roundTrip(code: ItemCode, base = BASE, signature?: string): void {
    const uri = buildDigitalLink({ base, code, signature });
    const parsed = parseDigitalLink(uri);
    expect(parsed.code, uri).to.deep.equal(code);
    expect(parsed.signature, uri).to.equal(signature);
  }

  it("returns the same code without expiry or signature", () => {
    roundTrip({ gtin: GTIN, lot: "LOT1", serial: "SN1" });
  });

  it("returns the same code with expiry and signature", () => {
    roundTrip({ gtin: GTIN, lot: "LOT1", serial: "SN1", expiry: 270228 }, BASE, SIGNATURE);
  });

  it("returns the same code with only an expiry, including DD = 00", () => {
    roundTrip({ gtin: GTIN, lot: "LOT1", serial: "SN1", expiry: 270200 });
  });

  it("returns the same code with only a signature", () => {
    roundTrip({ gtin: GTIN, lot: "LOT1", serial: "SN1" }, BASE, SIGNATURE);
  });

  context("when the lot and serial hold characters that must be encoded", () => {
    for (const [lot, serial] of [
      ["A/B", "50%"],
      ["R&D", "hi!"],
      ['"Q"', "a'(b)*c+d,e;f=g:h"],
      ["<x>?", "..."],
    ] as const) {
      it(`keeps lot ${JSON.stringify(lot)} and serial ${JSON.stringify(serial)}`, () => {
        roundTrip({ gtin: GTIN, lot, serial });
      });
    }

    it("keeps every character of set 82", () => {
      for (let start = 0; start < GS1_CHARSET_82.length; start += 20) {
        roundTrip({ gtin: GTIN, lot: GS1_CHARSET_82.slice(start, start + 20), serial: "S" });
      }
    });
  });

  context("when the base has a path prefix", () => {
    it("returns the same code and the prefix as the base", () => {
      const base = "https://example.com/resolver";
      const code: ItemCode = { gtin: GTIN, lot: "L/1", serial: "S", expiry: 270228 };
      const parsed = parseDigitalLink(buildDigitalLink({ base: `${base}/`, code, signature: SIGNATURE }));
      expect(parsed).to.deep.equal({ base, code, signature: SIGNATURE });
    });
  });

  context("when the label carries a shorter GTIN", () => {
    it("reads it as the 14-digit form that builds back the canonical URI", () => {
      const parsed = parseDigitalLink(`${BASE}/01/9506000134352/10/L/21/S`);
      expect(buildDigitalLink(parsed)).to.equal(`${BASE}/01/${GTIN}/10/L/21/S`);
    });
  });
});
