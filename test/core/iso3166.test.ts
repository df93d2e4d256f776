import { expect } from "chai";
import { checkCountryCode, COUNTRY_CODES, countryBytes, countryCode, isCountryCode } from "../../core/iso3166.ts";

describe("core/iso3166", function () {
  it("holds the 249 assigned codes, each two capitals", function () {
    expect(COUNTRY_CODES.size).to.equal(249);
    for (const code of COUNTRY_CODES) expect(code).to.match(/^[A-Z]{2}$/);
  });

  it("knows real countries and territories and not reserved or made-up codes", function () {
    for (const code of ["FR", "DE", "US", "CN", "AU", "SS", "CW", "AQ"]) expect(isCountryCode(code), code).to.equal(true);
    for (const code of ["XK", "UK", "EU", "ZZ", "AA", "fr", "F", "FRA", ""]) expect(isCountryCode(code), code).to.equal(false);
  });

  it("names the field and suggests capitals for a lower-case code", function () {
    expect(() => checkCountryCode("fr", "territory")).to.throw(/territory "fr" is not an ISO 3166-1 alpha-2 country code \(write it in capitals: FR\)/);
    expect(checkCountryCode("FR")).to.equal("FR");
  });

  it("names the assigned code for codes people write instead (UK for GB, EL for GR)", function () {
    expect(() => checkCountryCode("UK")).to.throw(/country "UK" is not an ISO 3166-1 alpha-2 country code: the United Kingdom is GB/);
    expect(() => checkCountryCode("uk")).to.throw(/the United Kingdom is GB/);
    expect(() => checkCountryCode("EL", "destination")).to.throw(/destination "EL" .*: Greece is GR/);
  });

  it("writes a code as the registries' bytes2 and reads it back; an unset field reads as no country", function () {
    expect(countryBytes("FR")).to.equal("0x4652");
    expect(countryCode("0x4652")).to.equal("FR");
    expect(countryCode("0x0000")).to.equal("");
    expect(() => countryBytes("fr")).to.throw(RangeError);
  });
});
