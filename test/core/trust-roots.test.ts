import { expect } from "chai";
import type { Deployment } from "../../core/deployment.ts";
import { chooseRoot, findRoot, parseTrustRoots, rootFromDeployment, type TrustRoot } from "../../core/trust-roots.ts";

const ROOT = {
  name: "Veritrace Consortium",
  chainId: 10,
  productRegistry: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  rpcUrls: ["https://rpc.example.org"],
};

describe("core/trust-roots", function () {
  describe("parseTrustRoots", function () {
    it("reads a version 1 document, checksumming addresses", function () {
      const [root] = parseTrustRoots({ version: 1, roots: [ROOT] });
      expect(root).to.deep.include({ name: "Veritrace Consortium", chainId: 10, productRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" });
      expect(root!.rpcUrls).to.deep.equal(["https://rpc.example.org"]);
      expect(root).not.to.have.property("addedByUser");
    });

    for (const [what, roots, message] of [
      ["no roots at all", [], /no root/],
      ["a missing registry", [{ ...ROOT, productRegistry: undefined }], /roots\[0\]\.productRegistry is missing/],
      ["a malformed registry", [{ ...ROOT, productRegistry: "0x12" }], /roots\[0\]\.productRegistry is not an address/],
      ["a chain id of zero", [{ ...ROOT, chainId: 0 }], /roots\[0\]\.chainId/],
      ["an empty name", [{ ...ROOT, name: " " }], /roots\[0\]\.name/],
      ["an RPC that is no URL", [{ ...ROOT, rpcUrls: ["rpc"] }], /roots\[0\]\.rpcUrls\[0\] is not a URL/],
      ["an RPC of another scheme", [{ ...ROOT, rpcUrls: ["ftp://x"] }], /http\(s\) or ws\(s\)/],
    ] as const) {
      it(`refuses ${what}, naming the field`, function () {
        expect(() => parseTrustRoots({ version: 1, roots })).to.throw(message).with.property("code", "TRUST_ROOTS_INVALID");
      });
    }
  });

  describe("chooseRoot", function () {
    const roots: TrustRoot[] = parseTrustRoots([ROOT, { ...ROOT, name: "Second", chainId: 11 }]);

    it("follows an announcement that names a root", function () {
      const chosen = chooseRoot(roots, { chainId: 11, registry: ROOT.productRegistry as `0x${string}` });
      expect(chosen.root.name).to.equal("Second");
      expect(chosen.announcementTrusted).to.equal(true);
    });

    it("keeps to the first root, and says so, when the announcement names another deployment", function () {
      const chosen = chooseRoot(roots, { chainId: 10, registry: "0x000000000000000000000000000000000000dEaD" });
      expect(chosen.root.name).to.equal("Veritrace Consortium");
      expect(chosen.announcementTrusted).to.equal(false);
    });

    it("uses the first root when nothing was announced", function () {
      expect(chooseRoot(roots, undefined)).to.deep.equal({ root: roots[0], announcementTrusted: undefined });
    });
  });

  it("finds a root by chain and registry, whatever the address case", function () {
    const roots = parseTrustRoots([ROOT]);
    expect(findRoot(roots, 10, ROOT.productRegistry.toUpperCase().replace("0X", "0x"))).to.equal(roots[0]);
    expect(findRoot(roots, 11, ROOT.productRegistry)).to.equal(undefined);
  });

  it("makes a deployment record a root", function () {
    const deployment = {
      chainId: 31337,
      productRegistry: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", blockNumber: 1, transactionHash: `0x${"1".repeat(64)}` },
      shipmentRegistry: { address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", blockNumber: 2, transactionHash: `0x${"2".repeat(64)}` },
    } as unknown as Deployment;
    expect(rootFromDeployment(deployment, { name: "Local", rpcUrls: ["http://127.0.0.1:8545"] })).to.deep.equal({
      name: "Local",
      chainId: 31337,
      productRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      shipmentRegistry: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      licenceRegistry: undefined,
      fromBlock: 1,
      rpcUrls: ["http://127.0.0.1:8545"],
    });
  });
});
