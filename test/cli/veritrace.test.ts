import { expect } from "chai";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { brandIdOf, itemIdOf } from "../../core/ids.ts";
import { Status } from "../../core/status.ts";
import { splitCsvLine } from "../../core/csv.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

const GTIN = "09506000134352";

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The label URIs of a label CSV, whatever column carries them. */
function labelUris(csv: string): string[] {
  return csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((row) => splitCsvLine(row)!.find((cell) => cell.startsWith("https://"))!);
}

describe("veritrace (CLI)", function () {
  let svc: TestService;
  let dir: string;
  let brandKey: string;
  let batchId: Hex;
  let uris: string[];

  before(async function () {
    svc = await startTestService({ MAX_BATCH_QUANTITY: "1000" });
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-cli-"));
  });

  after(async function () {
    await svc?.close();
  });

  const asBrand = () => ({ url: svc.url, apiKey: brandKey });

  describe("brand add", function () {
    it("admits a brand with the registrar's key and prints it as JSON with --json", async function () {
      // The GS1 prefix of GTIN: the registry anchors batches only of a brand's own GTINs.
      const run = await runCli(["brand", "add", "--name", "Cli Brand", "--prefix", "9506000", "--json"], { url: svc.url, apiKey: svc.registrarApiKey });
      expect(run.code, show(run)).to.equal(0);
      const created = JSON.parse(run.stdout);
      expect(created.apiKey).to.match(/^vt_/);
      expect(created.brand.brandId).to.equal(brandIdOf("Cli Brand"));
      expect(created.brand.signers).to.have.length(1);
      expect(created.brand.prefixes).to.deep.equal(["9506000"]);
      brandKey = created.apiKey;
    });

    it("shows people the brand id, admin, signer and the key, saying it is shown once", async function () {
      const run = await runCli(["brand", "add", "--name", "Other Brand"], { url: svc.url, apiKey: svc.registrarApiKey });
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.include(brandIdOf("Other Brand"));
      expect(run.stdout).to.match(/admin\s+0x[0-9a-fA-F]{40}/);
      expect(run.stdout).to.match(/0x[0-9a-fA-F]{40}\s+active/);
      expect(run.stdout).to.match(/shown once/i);
      expect(run.stdout).to.match(/vt_[A-Za-z0-9_-]{43}/);
    });

    context("when the option --name is missing", function () {
      it("exits 2 with commander's message", async function () {
        const run = await runCli(["brand", "add"], { url: svc.url, apiKey: svc.registrarApiKey });
        expect(run.code, show(run)).to.equal(2);
        expect(run.stderr).to.include("--name");
      });
    });
  });

  describe("batch create", function () {
    it("anchors the batch, prints it as JSON and writes the label CSV", async function () {
      const out = path.join(dir, "labels.csv");
      const run = await runCli(["batch", "create", "--gtin", GTIN, "--lot", "CLI1", "--quantity", "5", "--out", out, "--json"], asBrand());
      expect(run.code, show(run)).to.equal(0);
      const batch = JSON.parse(run.stdout);
      expect(batch).to.include({ gtin: GTIN, lot: "CLI1", quantity: 5, state: "confirmed" });
      batchId = batch.id;

      const csv = await readFile(out, "utf8");
      uris = labelUris(csv);
      expect(uris).to.have.length(5);
      for (const uri of uris) expect(uri).to.match(new RegExp(`/01/${GTIN}/10/CLI1/21/`));
      expect((await readdir(dir)).filter((f) => f.endsWith(".part")), "no temporary file left").to.deep.equal([]);
    });

    it("takes the brand's serials from a CSV with a serial header", async function () {
      const serials = path.join(dir, "serials.csv");
      await writeFile(serials, "serial,colour\nOWN-1,red\n\n\"OWN,2\",blue\n");
      const run = await runCli(["batch", "create", "--gtin", GTIN, "--lot", "CLI2", "--serials", serials, "--json"], asBrand());
      expect(run.code, show(run)).to.equal(0);
      const batch = JSON.parse(run.stdout);
      expect(batch).to.include({ quantity: 2, state: "confirmed" });

      const labels = path.join(dir, "own.csv");
      const download = await runCli(["batch", "labels", batch.id, "--out", labels], asBrand());
      expect(download.code, show(download)).to.equal(0);
      const csv = await readFile(labels, "utf8");
      expect(csv).to.include("OWN-1").and.to.include("OWN%2C2");
    });

    context("when the GTIN's check digit is wrong", function () {
      it("exits 3 with the API's error code and field", async function () {
        const run = await runCli(["batch", "create", "--gtin", "09506000134353", "--lot", "BAD", "--quantity", "1"], asBrand());
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.match(/^error: .+ \(GS1_BAD_CHECK_DIGIT, field gtin\)$/m);
      });
    });

    context("when neither --quantity nor --serials is given", function () {
      it("exits 2 without calling the service", async function () {
        const run = await runCli(["batch", "create", "--gtin", GTIN, "--lot", "NONE"], { url: `http://127.0.0.1:${await closedPort()}`, apiKey: "vt_x" });
        expect(run.code, show(run)).to.equal(2);
        expect(run.stderr).to.include("QUANTITY_OR_SERIALS");
      });
    });
  });

  describe("batch status", function () {
    it("shows the batch's state", async function () {
      const run = await runCli(["batch", "status", batchId], asBrand());
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.include(batchId).and.to.match(/anchoring\s+confirmed/);
    });

    it("prints the API's document with --json", async function () {
      const run = await runCli(["--json", "batch", "status", batchId], asBrand());
      expect(run.code, show(run)).to.equal(0);
      expect(JSON.parse(run.stdout)).to.include({ id: batchId, state: "confirmed" });
    });

    context("when the API key is wrong", function () {
      it("exits 3 with UNAUTHORIZED", async function () {
        const run = await runCli(["batch", "status", batchId, "--api-key", "vt_not-a-key"], { url: svc.url });
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("(UNAUTHORIZED)");
      });
    });

    context("when the service cannot be reached", function () {
      it("exits 4 naming the URL tried, without a stack trace", async function () {
        const url = `http://127.0.0.1:${await closedPort()}`;
        const run = await runCli(["batch", "status", batchId], { url, apiKey: brandKey });
        expect(run.code, show(run)).to.equal(4);
        expect(run.stderr).to.include(url).and.to.include("UNREACHABLE");
        expect(run.stderr).not.to.match(/^\s+at /m);
      });
    });
  });

  describe("batch labels", function () {
    context("when the download is cut off half-way", function () {
      it("exits 4 and leaves no file, not even a temporary one", async function () {
        // A stand-in for a service that dies mid-stream: it promises 1000 bytes and sends 10.
        const server = createHttpServer((_req, res) => {
          res.writeHead(200, { "content-type": "text/csv", "content-length": "1000" });
          res.write("gtin,lot,s", () => res.destroy());
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const out = path.join(dir, "cut.csv");
        try {
          const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
          const run = await runCli(["batch", "labels", batchId, "--out", out], { url, apiKey: "vt_x" });
          expect(run.code, show(run)).to.equal(4);
          expect(run.stderr).to.include("cut off");
        } finally {
          server.close();
        }
        expect((await readdir(dir)).filter((f) => f.startsWith(".cut.csv") || f === "cut.csv")).to.deep.equal([]);
      });
    });
  });

  describe("item recall", function () {
    it("recalls the item a label URI names, on chain", async function () {
      const run = await runCli(["item", "recall", uris[0]!, "--json"], asBrand());
      expect(run.code, show(run)).to.equal(0);
      const change = JSON.parse(run.stdout);
      expect(change).to.include({ batchId, status: "recalled" });
      expect(await svc.ctx.chain.getItemStatus(itemIdOf(batchId, change.serial))).to.equal(Status.Recalled);
    });

    it("marks an item named by batch and serial as stolen", async function () {
      const proof = await svc.api("GET", `/api/v1/proof?code=${encodeURIComponent(uris[1]!)}`);
      const run = await runCli(["item", "stolen", "--batch", batchId, "--serial", proof.body.code.serial], asBrand());
      expect(run.code, show(run)).to.equal(0);
      expect(await svc.ctx.chain.getItemStatus(proof.body.itemId)).to.equal(Status.Stolen);
    });

    context("when the item has that status already", function () {
      it("exits 3 with STATUS_UNCHANGED", async function () {
        const run = await runCli(["item", "recall", uris[0]!], asBrand());
        expect(run.code, show(run)).to.equal(3);
        expect(run.stderr).to.include("STATUS_UNCHANGED");
      });
    });
  });

  describe("batch recall", function () {
    it("recalls the whole batch on chain", async function () {
      const run = await runCli(["batch", "recall", batchId], asBrand());
      expect(run.code, show(run)).to.equal(0);
      expect((await svc.ctx.chain.getBatch(batchId)).status).to.equal(Status.Recalled);
    });
  });
});
