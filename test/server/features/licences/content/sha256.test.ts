import { expect } from "chai";
import { sha256Of } from "../../../../../server/features/licences/content/sha256.ts";

describe("server/features/licences/content/sha256", function () {
  it("gives the FIPS 180-2 test vectors as bytes32 hex", function () {
    expect(sha256Of(new TextEncoder().encode("abc"))).to.equal("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Of(new Uint8Array(0))).to.equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Of(new TextEncoder().encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))).to.equal(
      "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("hashes the bytes of a view, not the whole buffer behind it", function () {
    const buffer = new TextEncoder().encode("xxabcxx");
    expect(sha256Of(buffer.subarray(2, 5))).to.equal(sha256Of(new TextEncoder().encode("abc")));
  });
});
