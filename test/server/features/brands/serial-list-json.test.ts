import { expect } from "chai";
import { jsonListText, parseJsonList } from "../../../../server/features/brands/serial-list-json.ts";

/** Serials as a brand might give them: plain, and every few thousand one that JSON escapes or that looks like the list's own punctuation. */
const serials = (count: number) =>
  Array.from({ length: count }, (_, i) => (i % 3_001 === 5 ? `A"\\",${i}` : i % 4_003 === 9 ? "," : i % 5_009 === 11 ? '","' : `S${i}`));

describe("server/features/brands/serial-list-json", function () {
  describe("jsonListText", function () {
    it("writes exactly JSON.stringify's text, so lists stored before read the same", async function () {
      for (const list of [[], ["ONE"], serials(4_999), serials(5_000), serials(23_456)]) {
        expect(await jsonListText(list)).to.equal(JSON.stringify(list));
      }
    });
  });

  describe("parseJsonList", function () {
    it("reads back every list as JSON.parse does, in steps, whatever quotes, backslashes and commas its serials hold", async function () {
      for (const list of [[], ["ONE"], serials(23_456), serials(100_000)]) {
        expect(await parseJsonList(JSON.stringify(list))).to.deep.equal(list);
      }
    });

    it("reads a list of ',' serials, where a cut may fall inside a string, as JSON.parse does", async function () {
      const list = Array.from({ length: 60_000 }, () => ",");
      expect(await parseJsonList(JSON.stringify(list))).to.deep.equal(list);
    });
  });
});
