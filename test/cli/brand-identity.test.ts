import { expect } from "chai";
import type { Hex } from "viem";
import { brandIdOf } from "../../core/ids.ts";
import type { ProductRegistry } from "../../types/typechain/index.ts";
import { gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

/** Nothing listens here: a usage error against it proves the command stopped before any request. */
const NOWHERE = "http://127.0.0.1:9";

const UNKNOWN_BRAND = `0x${"ab".repeat(32)}`;

describe("veritrace brand add, prefix and label-domain (CLI)", function () {
  let svc: TestService;
  let registry: ProductRegistry;

  before(async function () {
    svc = await startTestService();
    registry = await svc.connection.ethers.getContractAt("ProductRegistry", svc.ctx.deployment.productRegistry.address);
  });

  after(async function () {
    await svc?.close();
  });

  const asRegistrar = (...args: string[]) => runCli(args, { url: svc.url, apiKey: svc.registrarApiKey });
  const prefixOwner = (prefix: string) => registry.prefixOwner(prefix) as Promise<Hex>;
  const isLabelDomain = (brandId: string, host: string) => registry.isLabelDomain(brandId, host);

  describe("brand add", function () {
    it("admits a brand with its country, GS1 prefixes and label hosts, all on chain", async function () {
      const run = await asRegistrar(
        "brand", "add", "--name", "Northwind", "--country", "GB",
        "--prefix", "5012345", "--prefix", "5098765", "--label-domain", "ID.Northwind.Example", "--json",
      );
      expect(run.code, show(run)).to.equal(0);
      const { brand } = JSON.parse(run.stdout);
      const brandId = brandIdOf("Northwind");
      expect(brand).to.include({ name: "Northwind", brandId, country: "GB" });
      expect(brand.prefixes).to.have.members(["5012345", "5098765"]);
      expect(brand.labelDomains).to.deep.equal(["id.northwind.example"]);
      const onChain = await registry.getBrand(brandId);
      expect(onChain.name).to.equal("Northwind");
      expect(onChain.country).to.equal("0x4742");
      expect(await prefixOwner("5098765")).to.equal(brandId);
      expect(await isLabelDomain(brandId, "id.northwind.example")).to.equal(true);
    });

    it("shows people the country, prefixes and label hosts", async function () {
      const run = await asRegistrar("brand", "add", "--name", "Southwind", "--country", "FR", "--prefix", "5023456");
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(/country\s+FR/).and.to.match(/GS1 prefixes\s+5023456/).and.to.match(/label hosts\s+id\.example\.com/);
    });

    context("when the country is UK", function () {
      it("exits 2 before any request, saying to use GB", async function () {
        const run = await runCli(["brand", "add", "--name", "Typo", "--country", "UK"], { url: NOWHERE, apiKey: "vt_x" });
        expect(run.code, show(run)).to.equal(2);
        expect(run.stderr).to.include("--country").and.to.include("use GB, not UK");
      });
    });

    context("when a prefix, country or host is malformed", function () {
      for (const [option, value, message] of [
        ["--prefix", "123", "4 to 12 digits"],
        ["--prefix", "50123a5", "4 to 12 digits"],
        ["--country", "gb", "write it in capitals: GB"],
        ["--country", "XX", "not an ISO 3166-1 alpha-2 country code"],
        ["--label-domain", "https://id.brand.example/01", "without scheme or path: id.brand.example"],
        ["--label-domain", "id brand", "must be a host name"],
      ] as const) {
        it(`exits 2 naming ${option} for ${JSON.stringify(value)}`, async function () {
          const run = await runCli(["brand", "add", "--name", "Typo", option, value], { url: NOWHERE, apiKey: "vt_x" });
          expect(run.code, show(run)).to.equal(2);
          expect(run.stderr).to.include(option).and.to.include(message);
        });
      }
    });

    context("when a prefix is held by another brand", function () {
      it("exits 3 with PREFIX_TAKEN and admits nothing", async function () {
        const run = await asRegistrar("brand", "add", "--name", "Copycat", "--prefix", "5012345");
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.match(/^error: .*5012345.* \(PREFIX_TAKEN, field prefixes\[0\]\)$/m);
        expect((await registry.getBrand(brandIdOf("Copycat"))).admittedAt).to.equal(0n);
      });
    });
  });

  describe("prefix", function () {
    let acme: Awaited<ReturnType<TestService["newBrand"]>>;
    let globex: Awaited<ReturnType<TestService["newBrand"]>>;

    before(async function () {
      acme = await svc.newBrand("Acme", { prefixes: [] });
      globex = await svc.newBrand("Globex", { prefixes: [] });
    });

    it("assigns a prefix to a brand on chain, and `prefix show` names its holder", async function () {
      const run = await asRegistrar("prefix", "assign", acme.brandId, "5031111");
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(new RegExp(`^Prefix 5031111 assigned to brand ${acme.brandId} \\(transaction 0x[0-9a-f]{64}\\)\\.`));
      expect(await prefixOwner("5031111")).to.equal(acme.brandId);

      const shown = await runCli(["prefix", "show", "5031111"], { url: svc.url });
      expect(shown.code, show(shown)).to.equal(0);
      expect(shown.stdout.trim()).to.equal(`Prefix 5031111: held by "Acme" (brand ${acme.brandId}).`);
    });

    it("lets the brand anchor batches of its GTINs", async function () {
      const run = await runCli(["batch", "create", "--gtin", gtinIn("5031111"), "--lot", "P1", "--quantity", "1", "--json"], { url: svc.url, apiKey: acme.apiKey });
      expect(run.code, show(run)).to.equal(0);
      expect(JSON.parse(run.stdout)).to.include({ state: "confirmed" });
    });

    context("when the prefix is held already, or nests with one held", function () {
      before(async function () {
        const res = await svc.api("POST", `/api/v1/brands/${acme.brandId}/prefixes`, { key: svc.registrarApiKey, body: { prefix: "5041111" } });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
      });

      it("exits 3 with PREFIX_TAKEN or PREFIX_OVERLAPS, and the chain is unchanged", async function () {
        const taken = await asRegistrar("prefix", "assign", globex.brandId, "5041111");
        expect(taken.code, show(taken)).to.equal(3);
        expect(taken.stderr).to.match(/^error: .*PrefixTaken.* \(PREFIX_TAKEN, field prefix\)$/m);
        const nested = await asRegistrar("prefix", "assign", globex.brandId, "50411112");
        expect(nested.code, show(nested)).to.equal(3);
        expect(nested.stderr).to.include("(PREFIX_OVERLAPS");
        expect(await prefixOwner("5041111")).to.equal(acme.brandId);
        expect(await prefixOwner("50411112")).to.equal(`0x${"0".repeat(64)}`);
      });
    });

    context("when the brand is unknown", function () {
      it("exits 3 with UNKNOWN_BRAND", async function () {
        const run = await asRegistrar("prefix", "assign", UNKNOWN_BRAND, "5039999");
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("(UNKNOWN_BRAND");
      });
    });

    it("transfers a prefix to another brand; the JSON names both", async function () {
      const run = await asRegistrar("prefix", "transfer", "5031111", globex.brandId, "--json");
      expect(run.code, show(run)).to.equal(0);
      expect(JSON.parse(run.stdout)).to.include({ prefix: "5031111", fromBrandId: acme.brandId, brandId: globex.brandId });
      expect(await prefixOwner("5031111")).to.equal(globex.brandId);
    });

    context("when a brand anchors a batch for a GTIN that is not its own", function () {
      it("exits 3 with GTIN_NOT_OWNED", async function () {
        const run = await runCli(["batch", "create", "--gtin", gtinIn("5059999"), "--lot", "P2", "--quantity", "1"], { url: svc.url, apiKey: acme.apiKey });
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.match(/\(GTIN_NOT_OWNED, field gtin\)$/m);
      });
    });

    it("withdraws a prefix; `prefix show` then says no brand holds it", async function () {
      const run = await asRegistrar("prefix", "withdraw", "5031111");
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(new RegExp(`^Prefix 5031111 withdrawn from brand ${globex.brandId} \\(transaction 0x[0-9a-f]{64}\\)\\.`));
      const shown = await runCli(["prefix", "show", "5031111", "--json"], { url: svc.url });
      expect(JSON.parse(shown.stdout)).to.deep.equal({ prefix: "5031111", brandId: null, name: null });
    });

    context("when the prefix is held by nobody", function () {
      it("exits 3 with UNKNOWN_PREFIX for withdraw and transfer", async function () {
        const withdraw = await asRegistrar("prefix", "withdraw", "5069999");
        expect(withdraw.code, show(withdraw)).to.equal(3);
        expect(withdraw.stderr).to.include("(UNKNOWN_PREFIX");
        const transfer = await asRegistrar("prefix", "transfer", "5069999", acme.brandId);
        expect(transfer.code, show(transfer)).to.equal(3);
        expect(transfer.stderr).to.include("(UNKNOWN_PREFIX");
      });
    });

    context("when the key is a brand's, not the registrar's", function () {
      it("exits 3 with FORBIDDEN", async function () {
        const run = await runCli(["prefix", "assign", acme.brandId, "5032222"], { url: svc.url, apiKey: acme.apiKey });
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("(FORBIDDEN)");
      });
    });

    context("when no key is given", function () {
      it("exits 2 naming --api-key", async function () {
        const run = await runCli(["prefix", "withdraw", "5031111"], { url: svc.url });
        expect(run.code, show(run)).to.equal(2);
        expect(run.stderr).to.include("NO_API_KEY");
      });
    });

    context("when the prefix or the brand id is malformed", function () {
      for (const args of [["assign", UNKNOWN_BRAND, "123"], ["assign", "0x1234", "5031111"], ["withdraw", "12345678901234"], ["transfer", "50-31", UNKNOWN_BRAND], ["show", "abcd"]]) {
        it(`exits 2 before any request for \`prefix ${args.join(" ")}\``, async function () {
          const run = await runCli(["prefix", ...args], { url: NOWHERE, apiKey: "vt_x" });
          expect(run.code, show(run)).to.equal(2);
          expect(run.stderr).to.match(/is invalid for argument '(prefix|brandId)'/);
        });
      }
    });
  });

  describe("label-domain", function () {
    let initech: Awaited<ReturnType<TestService["newBrand"]>>;

    before(async function () {
      initech = await svc.newBrand("Initech");
    });

    it("adds a host (lower-cased, with its port) on chain", async function () {
      const run = await asRegistrar("label-domain", "add", initech.brandId, "Shop.Initech.Example:8443");
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(new RegExp(`^Label host shop\\.initech\\.example:8443 added for brand ${initech.brandId} \\(transaction 0x[0-9a-f]{64}\\)\\.`));
      expect(await isLabelDomain(initech.brandId, "shop.initech.example:8443")).to.equal(true);
    });

    context("when the brand has the host already", function () {
      it("exits 3 with LABEL_DOMAIN_UNCHANGED", async function () {
        const run = await asRegistrar("label-domain", "add", initech.brandId, "id.example.com");
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("(LABEL_DOMAIN_UNCHANGED");
      });
    });

    it("removes a host on chain", async function () {
      const run = await asRegistrar("label-domain", "remove", initech.brandId, "shop.initech.example:8443", "--json");
      expect(run.code, show(run)).to.equal(0);
      expect(JSON.parse(run.stdout)).to.include({ brandId: initech.brandId, host: "shop.initech.example:8443" });
      expect(await isLabelDomain(initech.brandId, "shop.initech.example:8443")).to.equal(false);
    });

    context("when the brand does not have the host", function () {
      it("exits 3 with LABEL_DOMAIN_UNCHANGED", async function () {
        const run = await asRegistrar("label-domain", "remove", initech.brandId, "never.initech.example");
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("(LABEL_DOMAIN_UNCHANGED");
      });
    });

    context("when the brand is unknown", function () {
      it("exits 3 with UNKNOWN_BRAND", async function () {
        const run = await asRegistrar("label-domain", "add", UNKNOWN_BRAND, "id.example.org");
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("(UNKNOWN_BRAND");
      });
    });

    context("when the host has a scheme or a path", function () {
      it("exits 2 before any request, naming the host to give", async function () {
        const run = await runCli(["label-domain", "add", initech.brandId, "https://id.initech.example/01/1"], { url: NOWHERE, apiKey: "vt_x" });
        expect(run.code, show(run)).to.equal(2);
        expect(run.stderr).to.include("argument 'host'").and.to.include("without scheme or path: id.initech.example");
      });
    });
  });
});
