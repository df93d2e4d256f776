import { secp256k1 } from "@noble/curves/secp256k1.js";
import { expect } from "chai";
import { numberToHex, toBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { recoverSigner, signDigest } from "../../../../../core/signature.ts";
import { nativeSigner, signCompactInto, signerBackend, wasmSigner } from "../../../../../server/features/brands/issuance/compact-signer.ts";

const ORDER = secp256k1.Point.CURVE().n;

describe("server/features/brands/issuance/compact-signer", function () {
  describe("signCompactInto", function () {
    it("signs with the native libsecp256k1 on this machine", function () {
      expect(signerBackend).to.equal("native");
    });

    for (const [name, signer] of [["native", nativeSigner], ["WebAssembly", wasmSigner]] as const) {
      it(`gives core's signDigest bytes (RFC 6979, low s, ERC-2098) for random keys and digests, ${name} build`, function () {
        const out = new Uint8Array(80);
        let parity = 0;
        for (let i = 0; i < 300; i++) {
          const key = secp256k1.utils.randomSecretKey();
          const digest = crypto.getRandomValues(new Uint8Array(32));
          signCompactInto(digest, key, out, 9, signer);
          expect(out.subarray(9, 73), `signature ${i}`).to.deep.equal(signDigest(digest, key));
          parity += out[9 + 32]! >> 7;
        }
        // Both recovery parities occur, so the yParity bit is exercised, not just copied as zero.
        expect(parity).to.be.within(100, 200);
      });
    }

    it("recovers to the signer for the smallest and largest private keys", function () {
      for (const scalar of [1n, ORDER - 1n]) {
        const key = toBytes(numberToHex(scalar, { size: 32 }));
        const digest = crypto.getRandomValues(new Uint8Array(32));
        const out = new Uint8Array(64);
        signCompactInto(digest, key, out, 0);
        expect(out).to.deep.equal(signDigest(digest, key));
        expect(recoverSigner(digest, out)).to.equal(privateKeyToAccount(numberToHex(scalar, { size: 32 })).address);
      }
    });
  });
});
