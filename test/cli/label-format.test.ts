import { expect } from "chai";
import { resolveLabelFormat } from "../../cli/label-format.ts";

describe("resolveLabelFormat", function () {
  it("takes the format from the file's extension; a zip holds SVG labels", function () {
    expect(resolveLabelFormat("out/labels.PDF", undefined)).to.equal("pdf");
    expect(resolveLabelFormat("labels.csv", undefined)).to.equal("csv");
    expect(resolveLabelFormat("labels.zip", undefined)).to.equal("svg");
  });

  it("takes --format over the extension where they fit", function () {
    expect(resolveLabelFormat("labels.zip", "png")).to.equal("png");
    expect(resolveLabelFormat("labels.bin", "pdf")).to.equal("pdf");
  });

  context("when the format does not fit the file's name", function () {
    it("refuses it as a usage error", function () {
      expect(() => resolveLabelFormat("labels.pdf", "svg")).to.throw(/does not fit/).with.property("exitCode", 2);
    });
  });

  context("when the name says nothing and no --format is given", function () {
    it("refuses it as a usage error", function () {
      expect(() => resolveLabelFormat("labels", undefined)).to.throw(/cannot tell/).with.property("exitCode", 2);
    });
  });
});
