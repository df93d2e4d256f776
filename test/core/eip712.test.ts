import { expect } from "chai";
import { network } from "hardhat";
import { bytesToHex, encodeAbiParameters, hashTypedData, keccak256, toBytes, toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { domainSeparator, itemDigest, ItemDigester, itemTypedData, registryDomain, typedDataDigest } from "../../core/eip712.ts";
import { decodeSignature, encodeSignature, recoverSigner, signDigest } from "../../core/signature.ts";
import type { ItemCode } from "../../core/types.ts";
import { deployRegistryWithBrand, EXPIRY, GTIN, onChainCode } from "../helpers/registry.ts";

const { ethers, networkHelpers } = await network.create();

const CODE: ItemCode = { gtin: GTIN, lot: "L2611", serial: "7QK3M9XR2TBW", expiry: EXPIRY };
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
// Hardhat's well-known first account: a public test key, never funded anywhere real.
const TEST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

describe("core/eip712", function () {
  describe("the EIP-712 specification's Mail example", function () {
    // Values from the specification's example (eip-712 assets: Example.js).
    const domain = {
      name: "Ether Mail",
      version: "1",
      chainId: 1,
      verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" as Address,
    };
    const personType = "Person(string name,address wallet)";
    const mailType = `Mail(Person from,Person to,string contents)${personType}`;
    const person = (name: string, wallet: Address) =>
      keccak256(
        encodeAbiParameters(
          [{ type: "bytes32" }, { type: "bytes32" }, { type: "address" }],
          [keccak256(toBytes(personType)), keccak256(toBytes(name)), wallet],
        ),
      );
    const mailStructHash = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }],
        [
          keccak256(toBytes(mailType)),
          person("Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
          person("Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
          keccak256(toBytes("Hello, Bob!")),
        ],
      ),
    );

    it("reproduces the digest 0xbe609aee…7bd2 from core's domain separator and digest", function () {
      const digest = typedDataDigest(domainSeparator(domain), toBytes(mailStructHash));
      expect(bytesToHex(digest)).to.equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    });

    it("signs it with the example's key into the example's signature, and recovers Cow", function () {
      const digest = toBytes("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
      const signature = signDigest(digest, keccak256(toBytes("cow")));
      // The example's 65-byte signature (r ‖ s ‖ v = 28) in ERC-2098 form: the parity bit on top of s.
      expect(bytesToHex(signature)).to.equal(
        "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d" +
          "87299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562",
      );
      expect(recoverSigner(digest, signature)).to.equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
    });
  });

  describe("itemDigest", function () {
    it("equals viem's hashTypedData of the item's typed data", function () {
      const domain = registryDomain(31337, REGISTRY);
      for (const code of [CODE, { ...CODE, expiry: undefined }, { ...CODE, serial: "%&/" }]) {
        expect(itemDigest(domain, code)).to.equal(hashTypedData(itemTypedData(domain, code)));
      }
    });

    it("equals the registry's itemDigest on its own chain and address", async function () {
      const { registry } = await networkHelpers.loadFixture(async function deployed() {
        return deployRegistryWithBrand(ethers);
      });
      const { chainId } = await ethers.provider.getNetwork();
      const domain = registryDomain(chainId, (await registry.getAddress()) as Address);
      expect(itemDigest(domain, CODE)).to.equal(await registry.itemDigest(onChainCode(CODE)));
    });

    it("differs on another chain or another deployment, so such a code never verifies", function () {
      const here = itemDigest(registryDomain(31337, REGISTRY), CODE);
      expect(itemDigest(registryDomain(1, REGISTRY), CODE)).to.not.equal(here);
      expect(itemDigest(registryDomain(31337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"), CODE)).to.not.equal(here);
    });
  });

  describe("signDigest", function () {
    it("gives signatures byte-identical to viem's signTypedData", async function () {
      const domain = registryDomain(31337, REGISTRY);
      const digester = new ItemDigester(domain);
      const account = privateKeyToAccount(TEST_KEY);
      for (let i = 0; i < 20; i++) {
        const code = { ...CODE, serial: `S${i}` };
        const viaViem = await account.signTypedData(itemTypedData(domain, code));
        const ours = signDigest(digester.digest(code), TEST_KEY);
        const { r, s, v } = ethers.Signature.from(viaViem);
        const yParityAndS = BigInt(s) | (BigInt(v - 27) << 255n);
        expect(bytesToHex(ours)).to.equal(r + toHex(yParityAndS, { size: 32 }).slice(2));
      }
    });
  });

  describe("recoverSigner", function () {
    it("recovers the signing address from the compact and the 65-byte forms", function () {
      const digest = new ItemDigester(registryDomain(31337, REGISTRY)).digest(CODE);
      const compact = signDigest(digest, TEST_KEY);
      const address = privateKeyToAccount(TEST_KEY).address;
      expect(recoverSigner(digest, compact)).to.equal(address);
      const classic = toBytes(ethers.Signature.from(bytesToHex(compact)).serialized);
      expect(recoverSigner(digest, classic)).to.equal(address);
    });

    it("recovers another address when the code was tampered with", function () {
      const digester = new ItemDigester(registryDomain(31337, REGISTRY));
      const signature = signDigest(digester.digest(CODE), TEST_KEY);
      const tampered = digester.digest({ ...CODE, serial: "7QK3M9XR2TBX" });
      expect(recoverSigner(tampered, signature)).to.not.equal(privateKeyToAccount(TEST_KEY).address);
    });

    it("names a signature of the wrong length", function () {
      expect(() => recoverSigner(new Uint8Array(32), new Uint8Array(10)))
        .to.throw()
        .with.property("code", "SIGNATURE_BAD_LENGTH");
    });
  });

  describe("encodeSignature / decodeSignature", function () {
    it("round-trips through 86 URI-safe characters", function () {
      const signature = signDigest(new ItemDigester(registryDomain(31337, REGISTRY)).digest(CODE), TEST_KEY);
      const encoded = encodeSignature(signature);
      expect(encoded).to.match(/^[A-Za-z0-9_-]{86}$/);
      expect(decodeSignature(encoded)).to.deep.equal(signature);
    });

    it("names a value that is not base64url or not 64 bytes", function () {
      expect(() => decodeSignature("not base64!")).to.throw().with.property("code", "SIGNATURE_BAD_ENCODING");
      expect(() => decodeSignature("AAAA")).to.throw().with.property("code", "SIGNATURE_BAD_LENGTH");
    });
  });
});
