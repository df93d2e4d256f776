import { expect } from "chai";
import { privateKeyToAddress } from "viem/accounts";
import { ItemDigester, registryDomain } from "../../core/eip712.ts";
import { batchIdOf, brandIdOf, itemIdOf, leafOf } from "../../core/ids.ts";
import { useKeccak } from "../../core/keccak.ts";
import { ItemMerkleTree, processProof } from "../../core/merkle.ts";
import { shipmentIdOf, shipmentLeafOf } from "../../core/shipment-ids.ts";
import { decodeSignature, encodeSignature, recoverSigner, signDigest } from "../../core/signature.ts";
import { createCoreKeccak } from "../../server/features/brands/issuance/keccak.ts";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** Everything core hashes, for one fixed input. */
function everything() {
  const brandId = brandIdOf("Acme");
  const batchId = batchIdOf(brandId, "09506000134352", "L1");
  const leaves = ["A", "B", "C", "D", "E"].map((serial) => leafOf(itemIdOf(batchId, serial), 270228));
  const tree = ItemMerkleTree.fromLeaves(leaves);
  const digest = new ItemDigester(registryDomain(31337, REGISTRY)).digest({ gtin: "09506000134352", lot: "L1", serial: "A", expiry: 270228 });
  const signature = encodeSignature(signDigest(digest, KEY));
  return {
    brandId,
    batchId,
    leaves,
    root: tree.root,
    folded: processProof(leaves[4]!, tree.proof(4)),
    digest,
    signer: recoverSigner(digest, decodeSignature(signature)),
    shipment: shipmentIdOf(privateKeyToAddress(KEY), "WB-1"),
    shipmentLeaf: shipmentLeafOf(batchId),
  };
}

describe("core/keccak", function () {
  afterEach(function () {
    useKeccak(undefined);
  });

  it("gives every id, digest, tree and recovered signer the same with the server's WebAssembly keccak", async function () {
    const plain = everything();
    expect(plain.folded).to.equal(plain.root);
    expect(plain.signer).to.equal(privateKeyToAddress(KEY));
    useKeccak(await createCoreKeccak());
    expect(everything()).to.deep.equal(plain);
  });
});
