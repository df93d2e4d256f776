import { expect } from "chai";
import { fileNameFromDisposition } from "../../../../app/console/api/content-disposition.ts";

describe("console download file names", function () {
  it("takes the name the service offers", function () {
    expect(fileNameFromDisposition('attachment; filename="labels-09506000134352-L2611.pdf"', "labels.pdf")).to.equal("labels-09506000134352-L2611.pdf");
  });

  it("prefers the UTF-8 name when there is one", function () {
    expect(fileNameFromDisposition("attachment; filename=\"a.csv\"; filename*=UTF-8''lot%20%C3%A9.csv", "labels.csv")).to.equal("lot é.csv");
  });

  it("keeps only the name of a path", function () {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', "labels.csv")).to.equal("passwd");
  });

  it("falls back when there is no usable name", function () {
    expect(fileNameFromDisposition(null, "labels.zip")).to.equal("labels.zip");
    expect(fileNameFromDisposition('attachment; filename=".."', "labels.zip")).to.equal("labels.zip");
  });
});
