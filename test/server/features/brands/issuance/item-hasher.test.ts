import { expect } from "chai";
import { toBytes } from "viem";
import { domainSeparator, ITEM_CODE_TYPEHASH, ItemDigester, registryDomain } from "../../../../../core/eip712.ts";
import { GS1_CHARSET_82 } from "../../../../../core/gs1/index.ts";
import { batchIdOf, brandIdOf, itemIdBytes, leafBytes } from "../../../../../core/ids.ts";
import { createItemHasher } from "../../../../../server/features/brands/issuance/item-hasher.ts";
import { createKeccak256, type Keccak256 } from "../../../../../server/features/brands/issuance/keccak.ts";

const GTIN = "09506000134352";

function randomSerial(length: number): string {
  const picks = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(picks, (p) => GS1_CHARSET_82[p % GS1_CHARSET_82.length]).join("");
}

describe("server/features/brands/issuance/item-hasher", function () {
  let keccak: Keccak256;
  before(async function () {
    keccak = await createKeccak256();
  });

  const cases = [
    { name: "a local chain, with an expiry date", chainId: 31337n, lot: "L2611", expiry: 270228 },
    { name: "a 64-bit chain id, no expiry date, a 20-character lot", chainId: 2n ** 63n + 5n, lot: "ABCDEFGHIJ!%&'()*+,-", expiry: 0 },
  ];
  for (const { name, chainId, lot, expiry } of cases) {
    it(`gives core's leaf and EIP-712 digest for serials of every length (${name})`, function () {
      const domain = registryDomain(chainId, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
      const batchId = toBytes(batchIdOf(brandIdOf("Acme"), GTIN, lot));
      const hasher = createItemHasher({ domainSeparator: domainSeparator(domain), itemCodeTypeHash: ITEM_CODE_TYPEHASH, batchId, gtin: GTIN, lot, expiry }, keccak);
      const digester = new ItemDigester(domain);
      const leaves = new Uint8Array(64);
      const digest = new Uint8Array(32);
      // Long serials first: a shorter serial must not inherit bytes of the previous one.
      const serials = [20, 19, 1, 16, 2, 20, 7, 1].map(randomSerial);
      serials.push(...Array.from({ length: 200 }, (_, i) => randomSerial(1 + (i % 20))));
      for (const serial of serials) {
        hasher.hash(serial, leaves, 32, digest);
        expect(leaves.subarray(32), `leaf of ${serial}`).to.deep.equal(leafBytes(itemIdBytes(batchId, serial), expiry));
        const code = { gtin: GTIN, lot, serial, expiry: expiry === 0 ? undefined : expiry };
        expect(digest, `digest of ${serial}`).to.deep.equal(digester.digest(code));
      }
    });
  }
});
