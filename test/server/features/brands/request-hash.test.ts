import { createHash } from "node:crypto";
import { expect } from "chai";
import type { CreateBatchInput } from "../../../../server/features/brands/batches.ts";
import { requestHash } from "../../../../server/features/brands/request-hash.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const base: CreateBatchInput = { gtin: "09506000134352", lot: 'L"1', expiry: 271231, quantity: undefined, serials: undefined, metadataUri: 'ipfs://x"serials":[]' };

describe("server/features/brands/request-hash", function () {
  describe("requestHash", function () {
    it("is the SHA-256 of the request's JSON, so an Idempotency-Key stored before still matches its request", async function () {
      expect(await requestHash({ ...base, quantity: 5 })).to.equal(sha256(JSON.stringify({ ...base, quantity: 5 })));
      // More serials than one step writes, some of them needing JSON escapes.
      const serials = Array.from({ length: 12_345 }, (_, i) => (i % 1_000 === 7 ? `A"\\${i}` : `S${i}`));
      const input = { ...base, serials };
      expect(await requestHash(input)).to.equal(sha256(JSON.stringify(input)));
      expect(await requestHash({ ...base, serials: ["ONE"] })).to.equal(sha256(JSON.stringify({ ...base, serials: ["ONE"] })));
    });

    it("tells apart requests whose lists differ in one serial", async function () {
      const serials = Array.from({ length: 20_000 }, (_, i) => `S${i}`);
      const other = [...serials];
      other[15_000] = "T";
      expect(await requestHash({ ...base, serials })).not.to.equal(await requestHash({ ...base, serials: other }));
    });
  });
});
