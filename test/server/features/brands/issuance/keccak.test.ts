import { keccak_256 } from "@noble/hashes/sha3.js";
import { expect } from "chai";
import { createKeccak256, type Keccak256 } from "../../../../../server/features/brands/issuance/keccak.ts";

describe("server/features/brands/issuance/keccak", function () {
  let keccak: Keccak256;
  before(async function () {
    keccak = await createKeccak256();
  });

  it("gives @noble/hashes' keccak-256 for every length across the 136-byte block boundary", function () {
    const input = crypto.getRandomValues(new Uint8Array(420));
    const out = new Uint8Array(40);
    for (let length = 0; length <= 300; length++) {
      // An offset into the input and into the output, as the issuing buffers use them.
      keccak.into(input, 7, length, out, 5);
      expect(out.subarray(5, 37), `length ${length}`).to.deep.equal(keccak_256(input.subarray(7, 7 + length)));
    }
  });

  it("hashes 64 bytes in place for the Merkle tree, output over its own input", function () {
    const nodes = crypto.getRandomValues(new Uint8Array(96));
    const expected = keccak_256(nodes.subarray(32, 96));
    keccak.keccak64(nodes, 32, nodes, 32);
    expect(nodes.subarray(32, 64)).to.deep.equal(expected);
  });
});
