import { expect } from "chai";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { VeritraceError } from "../../../../../core/errors.ts";
import { LabelErrorCode, labelDownload, writeLabels } from "../../../../../server/features/brands/labels/index.ts";
import type { LabelFormat, LabelItem } from "../../../../../server/features/brands/labels/index.ts";
import { Collector } from "./helpers/collect.ts";
import { countingSource, generateLabelItems, labelItem, labelItems } from "./helpers/items.ts";

const FORMATS: LabelFormat[] = ["pdf", "svg", "png", "csv"];

async function rejection(promise: Promise<unknown>): Promise<VeritraceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(VeritraceError);
    return error as VeritraceError;
  }
  expect.fail("expected a rejection");
}

describe("labelDownload", () => {
  it("names the content type and a file name for each format", () => {
    expect(labelDownload("pdf", "labels-L2611")).to.deep.equal({ contentType: "application/pdf", fileName: "labels-L2611.pdf" });
    expect(labelDownload("svg", "labels-L2611")).to.deep.equal({ contentType: "application/zip", fileName: "labels-L2611-svg.zip" });
    expect(labelDownload("png", "labels-L2611")).to.deep.equal({ contentType: "application/zip", fileName: "labels-L2611-png.zip" });
    expect(labelDownload("csv", "labels-L2611").contentType).to.match(/^text\/csv; charset=utf-8/);
  });

  it("keeps the file name safe inside a quoted Content-Disposition", () => {
    expect(labelDownload("pdf", `lot "A"/B\\..`).fileName).to.equal("lot__A__B_...pdf");
    expect(labelDownload("csv", "").fileName).to.equal("labels.csv");
  });
});

describe("writeLabels", () => {
  context("when the first item's text and URI disagree", () => {
    for (const format of FORMATS) {
      it(`rejects before writing anything (${format}), so the caller can still send an error response`, async () => {
        const bad: LabelItem = { ...labelItem("S1"), lot: "OTHER" };
        const out = new Collector();
        const error = await rejection(writeLabels(format, countingSource([bad, labelItem("S2")]).source, out));
        expect(error.code).to.equal(LabelErrorCode.BAD_ITEM);
        expect(error.message).to.contain("lot (10)");
        expect(out.parts).to.have.length(0);
      });
    }
  });

  context("when a later item is bad", () => {
    it("rejects and stops pulling items", async () => {
      const items = [...labelItems(40), { ...labelItem("S9"), uri: "https://id.example.com/01/09506000134352" }, ...labelItems(200)];
      const { source, pulled } = countingSource(items);
      const error = await rejection(writeLabels("csv", source, new Collector()));
      expect(error.code).to.equal(LabelErrorCode.BAD_ITEM);
      expect(error.message).to.contain("not a valid GS1 Digital Link");
      expect(pulled()).to.equal(41);
    });
  });

  context("over HTTP", () => {
    let server: http.Server;
    let written: Promise<void> | undefined;
    let pulled: () => number = () => 0;

    before(async () => {
      server = http.createServer((request, response) => {
        const format = new URL(request.url!, "http://localhost").searchParams.get("format") as LabelFormat;
        const counting = countingSource(generateLabelItems(format === "csv" ? 1_000_000 : 60));
        pulled = counting.pulled;
        response.setHeader("Content-Type", labelDownload(format, "labels").contentType);
        written = writeLabels(format, counting.source, response);
        written.catch(() => {});
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });

    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    const url = (format: LabelFormat): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}/?format=${format}`;

    it("streams a download to the response and resolves when it is sent", async () => {
      const response = await fetch(url("pdf"));
      const body = Buffer.from(await response.arrayBuffer());
      await written;
      expect(response.headers.get("content-type")).to.equal("application/pdf");
      expect(body.subarray(0, 5).toString()).to.equal("%PDF-");
      expect(body.toString("latin1").trimEnd().endsWith("%%EOF")).to.equal(true);
    });

    it("rejects with LABEL_OUTPUT_CLOSED and stops pulling when the client goes away", async () => {
      const controller = new AbortController();
      const response = await fetch(url("csv"), { signal: controller.signal });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      const error = await rejection(written!);
      expect(error.code).to.equal(LabelErrorCode.OUTPUT_CLOSED);
      expect(pulled()).to.be.lessThan(1_000_000);
    });
  });
});
