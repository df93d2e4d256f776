import { expect } from "chai";
import { parseSignature, serializeCompactSignature, signatureToCompactSignature, toBytes, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ItemDigester, itemTypedData, registryDomain } from "../../../../../core/eip712.ts";
import { batchIdOf, brandIdOf, itemIdBytes, leafBytes } from "../../../../../core/ids.ts";
import { recoverSigner, signDigest } from "../../../../../core/signature.ts";
import { closeIssuance, issueBatch, type IssueBatchParameters, type IssuedChunk } from "../../../../../server/features/brands/issuance/issue-batch.ts";
import { generateSerials } from "../../../../../server/features/brands/issuance/serials.ts";

const KEY: Hex = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
const signer = privateKeyToAccount(KEY);
const domain = registryDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
const brandId = brandIdOf("Acme");
const GTIN = "09506000134352";
const LOT = "L2611";

function parameters(overrides: Partial<IssueBatchParameters> = {}): IssueBatchParameters {
  return { domain, brandId, gtin: GTIN, lot: LOT, expiry: 270228, serials: generateSerials(5), signerKey: KEY, ...overrides };
}

async function collect(params: IssueBatchParameters): Promise<IssuedChunk[]> {
  const chunks: IssuedChunk[] = [];
  for await (const chunk of issueBatch(params)) chunks.push(chunk);
  return chunks;
}

describe("server/features/brands/issuance/issue-batch", function () {
  after(closeIssuance);

  describe("issueBatch", function () {
    for (const expiry of [270228, undefined]) {
      context(expiry === undefined ? "without an expiry date" : "with an expiry date", function () {
        it("gives core's leaves and signatures, identical to viem's signTypedData, for every item of every chunk", async function () {
          this.timeout(60_000);
          // Several chunks per worker, the last one short, and serials of every shape the GS1 set allows.
          const serials = [...generateSerials(290), "1", "A-b_c.d!e%f&g'h(i)j*", "x/y+z:;<=>?\",", "S0000000000000000000"];
          const chunks = await collect(parameters({ serials, expiry, chunkSize: 37 }));

          expect(chunks.map((c) => c.start)).to.deep.equal(Array.from({ length: 8 }, (_, i) => i * 37));
          expect(chunks.reduce((n, c) => n + c.leaves.length / 32, 0)).to.equal(serials.length);
          const batchId = toBytes(batchIdOf(brandId, GTIN, LOT));
          const digester = new ItemDigester(domain);
          for (const chunk of chunks) {
            expect(chunk.signatures.length).to.equal((chunk.leaves.length / 32) * 64);
            for (let i = 0; i < chunk.leaves.length / 32; i++) {
              const serial = serials[chunk.start + i]!;
              const code = { gtin: GTIN, lot: LOT, serial, expiry };
              const leaf = chunk.leaves.subarray(i * 32, i * 32 + 32);
              const signature = chunk.signatures.subarray(i * 64, i * 64 + 64);
              expect(leaf, `leaf of ${serial}`).to.deep.equal(leafBytes(itemIdBytes(batchId, serial), expiry ?? 0));
              const digest = digester.digest(code);
              expect(signature, `signature of ${serial}`).to.deep.equal(signDigest(digest, KEY));
              const viem = await signer.signTypedData(itemTypedData(domain, code));
              expect(signature, `viem signature of ${serial}`).to.deep.equal(
                toBytes(serializeCompactSignature(signatureToCompactSignature(parseSignature(viem)))),
              );
              expect(recoverSigner(digest, signature)).to.equal(signer.address);
            }
          }
        });
      });
    }

    it("joins a chunk that the workers shared back in item order", async function () {
      this.timeout(60_000);
      // 1,050 items make two parts of one chunk (at least 500 items each), then a chunk of 50.
      const serials = generateSerials(1_100);
      const chunks = await collect(parameters({ serials, chunkSize: 1_050 }));
      expect(chunks.map((c) => [c.start, c.leaves.length / 32, c.signatures.length / 64])).to.deep.equal([
        [0, 1_050, 1_050],
        [1_050, 50, 50],
      ]);
      const batchId = toBytes(batchIdOf(brandId, GTIN, LOT));
      const digester = new ItemDigester(domain);
      const sampled = new Set([0, 523, 524, 525, 526, 1_049, 1_050, 1_099, ...Array.from({ length: 44 }, (_, i) => i * 25)]);
      for (const chunk of chunks) {
        for (let i = 0; i < chunk.leaves.length / 32; i++) {
          const serial = serials[chunk.start + i]!;
          expect(chunk.leaves.subarray(i * 32, i * 32 + 32), `leaf ${chunk.start + i}`).to.deep.equal(
            leafBytes(itemIdBytes(batchId, serial), 270228),
          );
          // Signing again with core is slow: a sample, with the items on either side of the part boundary.
          if (!sampled.has(chunk.start + i)) continue;
          const digest = digester.digest({ gtin: GTIN, lot: LOT, serial, expiry: 270228 });
          expect(chunk.signatures.subarray(i * 64, i * 64 + 64), `signature ${chunk.start + i}`).to.deep.equal(signDigest(digest, KEY));
        }
      }
    });

    it("yields nothing for no serials", async function () {
      expect(await collect(parameters({ serials: [] }))).to.deep.equal([]);
    });

    it("yields one chunk when the batch is smaller than a chunk", async function () {
      const chunks = await collect(parameters({ serials: generateSerials(3) }));
      expect(chunks).to.have.length(1);
      expect(chunks[0]!.leaves).to.have.length(96);
      expect(chunks[0]!.signatures).to.have.length(192);
    });

    it("refuses a bad GTIN, lot, expiry date, key, brand id or chunk size before any work", async function () {
      const cases: Array<[Partial<IssueBatchParameters>, string]> = [
        [{ gtin: "09506000134353" }, "ISSUE_BAD_GTIN"],
        [{ gtin: "9506000134352" }, "ISSUE_BAD_GTIN"],
        [{ lot: "L 1" }, "ISSUE_BAD_LOT"],
        [{ expiry: 271332 }, "GS1_BAD_DATE"],
        [{ signerKey: "0x1234" }, "ISSUE_BAD_KEY"],
        [{ brandId: "0x1234" }, "ISSUE_BAD_BRAND_ID"],
        [{ chunkSize: 0 }, "ISSUE_BAD_CHUNK_SIZE"],
      ];
      for (const [overrides, code] of cases) {
        const error = await collect(parameters(overrides)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, code).to.have.property("code", code);
      }
    });

    it("refuses a serial outside the GS1 set with the error of the worker that found it", async function () {
      const serials = [...generateSerials(10), "bad serial"];
      const error = await collect(parameters({ serials, chunkSize: 4 })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.have.property("code", "ISSUE_BAD_SERIAL");
      expect(error).to.have.property("field", "serials");
      expect(error).to.have.property("message").that.includes("10");
    });

    it("stops cleanly when the consumer stops early, and the pool keeps working", async function () {
      for await (const chunk of issueBatch(parameters({ serials: generateSerials(50), chunkSize: 5 }))) {
        expect(chunk.start).to.equal(0);
        break;
      }
      const chunks = await collect(parameters({ serials: generateSerials(7), chunkSize: 5 }));
      expect(chunks.map((c) => c.start)).to.deep.equal([0, 5]);
    });

    it("starts a new pool after closeIssuance", async function () {
      await closeIssuance();
      const chunks = await collect(parameters({ serials: generateSerials(3) }));
      expect(chunks).to.have.length(1);
    });
  });
});
