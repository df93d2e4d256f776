import { expect } from "chai";
import {
  assertGs1Value,
  decodeSegment,
  encodeSegment,
  GS1_CHARSET_82,
  isGs1Value,
  percentDecodeSegment,
} from "../../../core/gs1/charset.ts";
import { Gs1ErrorCode } from "../../../core/gs1/errors.ts";
import { expectGs1Error } from "./expect-gs1-error.ts";

describe("GS1_CHARSET_82", () => {
  it("has the 82 characters of the GS1 AI encodable character set", () => {
    expect(new Set(GS1_CHARSET_82).size).to.equal(82);
    expect(GS1_CHARSET_82.length).to.equal(82);
  });

  it("leaves out space, tilde and characters outside ASCII", () => {
    for (const character of [" ", "~", "#", "$", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "é"]) {
      expect(GS1_CHARSET_82, character).not.to.include(character);
    }
  });
});

describe("isGs1Value", () => {
  it("accepts 1 to 20 characters of set 82", () => {
    expect(isGs1Value("A")).to.equal(true);
    expect(isGs1Value("ABCDEFGHIJ0123456789")).to.equal(true);
    expect(isGs1Value("a/b%c&d!e\"f")).to.equal(true);
  });

  it("refuses an empty value, 21 characters, and characters outside the set", () => {
    expect(isGs1Value("")).to.equal(false);
    expect(isGs1Value("ABCDEFGHIJ01234567890")).to.equal(false);
    expect(isGs1Value("AB C")).to.equal(false);
    expect(isGs1Value("AB~C")).to.equal(false);
  });
});

describe("assertGs1Value", () => {
  context("when the serial has a space", () => {
    it("rejects it naming AI (21), the space and its position", () => {
      expectGs1Error(() => assertGs1Value("ABC D", "21"), {
        code: Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
        field: "21",
        mentions: ["AI (21) serial", '" " (space)', "position 4"],
      });
    });
  });

  context("when the lot is 21 characters long", () => {
    it("rejects it naming AI (10) and the limit", () => {
      expectGs1Error(() => assertGs1Value("L".repeat(21), "10"), {
        code: Gs1ErrorCode.TOO_LONG,
        field: "10",
        mentions: ["AI (10) lot", "21 characters", "20"],
      });
    });
  });

  context("when the value is empty", () => {
    it("rejects it as empty", () => {
      expectGs1Error(() => assertGs1Value("", "21"), { code: Gs1ErrorCode.EMPTY, field: "21", mentions: ["AI (21)"] });
    });
  });

  context("when the value has a character outside ASCII", () => {
    it("names it with its code point", () => {
      expectGs1Error(() => assertGs1Value("Café", "10"), {
        code: Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
        field: "10",
        mentions: ['"é" (U+00E9)', "position 4"],
      });
    });
  });
});

describe("encodeSegment", () => {
  it("keeps RFC 3986 unreserved characters as they are", () => {
    expect(encodeSegment("AZaz09-._")).to.equal("AZaz09-._");
  });

  it("percent-encodes every other character of set 82 with upper-case hex", () => {
    expect(encodeSegment("!\"%&'()*+,/:;<=>?")).to.equal(
      "%21%22%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F",
    );
  });

  it("encodes tilde, which is unreserved in RFC 3986 but outside set 82", () => {
    expect(encodeSegment("~")).to.equal("%7E");
  });

  it("encodes characters outside ASCII as UTF-8 bytes", () => {
    expect(encodeSegment("é")).to.equal("%C3%A9");
  });
});

describe("decodeSegment", () => {
  it("decodes what encodeSegment produced, for every character of set 82", () => {
    for (const character of GS1_CHARSET_82) {
      expect(decodeSegment(encodeSegment(character), "21")).to.equal(character);
    }
  });

  it("accepts lower-case hex, which RFC 3986 treats as equal to upper-case", () => {
    expect(decodeSegment("a%2fb%2a", "10")).to.equal("a/b*");
  });

  context("when a reserved character is left raw", () => {
    for (const character of ["!", "*", "'", "(", ")", "+", ",", ";", "=", ":", "&", "$", "@"]) {
      it(`rejects a raw ${JSON.stringify(character)} naming the AI and the character`, () => {
        expectGs1Error(() => decodeSegment(`AB${character}C`, "21"), {
          code: Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
          field: "21",
          mentions: ["AI (21) serial", `"${character}"`, "position 3"],
        });
      });
    }

    it("tells how to write a GS1 character correctly", () => {
      expectGs1Error(() => decodeSegment("AB+C", "10"), {
        code: Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
        field: "10",
        mentions: ["AI (10) lot", "%2B"],
      });
    });
  });

  context("when the serial has a raw space", () => {
    it("rejects it as an unencoded character naming AI (21) and the space", () => {
      expectGs1Error(() => decodeSegment("AB C", "21"), {
        code: Gs1ErrorCode.UNENCODED_RESERVED_CHARACTER,
        field: "21",
        mentions: ["AI (21) serial", "(space)"],
      });
    });
  });

  context("when the serial has a space encoded as %20", () => {
    it("rejects it as outside the GS1 set naming AI (21) and the space", () => {
      expectGs1Error(() => decodeSegment("ABC%20D", "21"), {
        code: Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
        field: "21",
        mentions: ["AI (21) serial", '" " (space)', "position 4"],
      });
    });
  });

  context("when a raw tilde is present", () => {
    it("rejects it as outside the GS1 set rather than as reserved", () => {
      expectGs1Error(() => decodeSegment("A~B", "10"), {
        code: Gs1ErrorCode.CHARACTER_NOT_ALLOWED,
        field: "10",
        mentions: ['"~"'],
      });
    });
  });

  context("when a percent sign is not followed by two hex digits", () => {
    for (const segment of ["AB%", "AB%2", "AB%G1", "100%"]) {
      it(`rejects ${JSON.stringify(segment)}`, () => {
        expectGs1Error(() => decodeSegment(segment, "10"), {
          code: Gs1ErrorCode.BAD_PERCENT_ENCODING,
          field: "10",
          mentions: ["AI (10) lot", '"%"'],
        });
      });
    }
  });

  context("when the escapes are not UTF-8", () => {
    it("rejects them as bad percent-encoding", () => {
      expectGs1Error(() => decodeSegment("A%FFB", "21"), {
        code: Gs1ErrorCode.BAD_PERCENT_ENCODING,
        field: "21",
        mentions: ["AI (21)"],
      });
    });
  });

  context("when the decoded value is 21 characters long", () => {
    it("rejects it even though the encoded segment looked fine", () => {
      expectGs1Error(() => decodeSegment(`${"A".repeat(19)}%2F%2F`, "21"), {
        code: Gs1ErrorCode.TOO_LONG,
        field: "21",
        mentions: ["AI (21) serial", "21 characters"],
      });
    });
  });
});

describe("percentDecodeSegment", () => {
  it("decodes without applying the lot and serial rules", () => {
    expect(percentDecodeSegment("%30950600013435%32", "01")).to.equal("09506000134352");
  });
});
