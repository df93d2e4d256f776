import { expect } from "chai";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { VeritraceError } from "../../../../core/errors.ts";
import { recoverSigner, signDigest } from "../../../../core/signature.ts";
import { recoverSignerFast } from "../../../../server/features/verification/signer-recovery.ts";

describe("recoverSignerFast", function () {
  it("recovers what core recovers, for compact signatures of both parities", function () {
    for (let i = 0; i < 40; i++) {
      const key = generatePrivateKey();
      const digest = crypto.getRandomValues(new Uint8Array(32));
      const signature = signDigest(digest, key);
      expect(recoverSignerFast(digest, signature)).to.equal(privateKeyToAddress(key)).and.equal(recoverSigner(digest, signature));
    }
  });

  it("answers core's errors for signatures core refuses", function () {
    const digest = new Uint8Array(32).fill(1);
    for (const signature of [new Uint8Array(63), new Uint8Array(64)]) {
      const error = (fn: typeof recoverSigner) => {
        try {
          return fn(digest, signature);
        } catch (e) {
          return (e as VeritraceError).code;
        }
      };
      expect(error(recoverSignerFast)).to.equal(error(recoverSigner)).and.match(/^SIGNATURE_/);
    }
  });
});
