import { expect } from "chai";
import { isGs1Value } from "../../../../../core/gs1/index.ts";
import { isGs1Serial } from "../../../../../server/features/brands/issuance/gs1-serial.ts";

describe("server/features/brands/issuance/gs1-serial", function () {
  describe("isGs1Serial", function () {
    it("agrees with core's isGs1Value on every character up to U+017F, emoji included", function () {
      for (let code = 0; code <= 0x17f; code++) {
        const value = `A${String.fromCharCode(code)}`;
        expect(isGs1Serial(value), `U+${code.toString(16)}`).to.equal(isGs1Value(value));
      }
      expect(isGs1Serial("A😀")).to.equal(isGs1Value("A😀")).and.to.equal(false);
    });

    it("agrees on the lengths: 1 to 20 characters", function () {
      for (const length of [0, 1, 19, 20, 21, 40]) {
        const value = "Z".repeat(length);
        expect(isGs1Serial(value), `length ${length}`).to.equal(isGs1Value(value));
      }
    });
  });
});
