import { expect } from "chai";
import { renderLabelSvg } from "../../../../../server/features/brands/labels/index.ts";
import { decodeModuleRects } from "./helpers/decode-qr.ts";
import { labelItem } from "./helpers/items.ts";
import { strokedPathRects } from "./helpers/svg-path.ts";

function qrOf(svg: string): string | undefined {
  const d = /<path [^>]*\bd="([^"]*)"/.exec(svg)?.[1];
  expect(d, "QR path").to.be.a("string");
  const rects = strokedPathRects(d!);
  // Module coordinates include the 4-module quiet zone on every side.
  const side = Math.max(...rects.map((r) => r.x + r.width)) + 4;
  return decodeModuleRects(rects, side);
}

function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!);
}

describe("renderLabelSvg", () => {
  it("draws a QR code that decodes to exactly the item's URI", () => {
    const item = labelItem("7QK3M9XR2TBW00AB");
    expect(qrOf(renderLabelSvg(item))).to.equal(item.uri);
  });

  it("draws a QR code that decodes for URIs with percent-encoded lots and serials", () => {
    const item = labelItem(`A/B%C&D<E"F'G*`, { lot: "=1+2/3" });
    expect(item.uri).to.contain("/10/%3D1%2B2%2F3/21/A%2FB%25C%26D%3CE%22F%27G%2A");
    expect(qrOf(renderLabelSvg(item))).to.equal(item.uri);
  });

  it("draws a QR code that decodes for the longest lot and serial, all percent-encoded", () => {
    const item = labelItem("%".repeat(20), { lot: "/".repeat(20) });
    expect(item.uri.length).to.be.greaterThan(260);
    expect(qrOf(renderLabelSvg(item))).to.equal(item.uri);
  });

  it("writes the brand, the GS1 human-readable text and what to do, as real text", () => {
    const item = { ...labelItem("7QK3M9XR2TBW00AB", { expiry: 270200 }), brand: "Acme & Sons" };
    expect(textsOf(renderLabelSvg(item, { referenceYear: 2026 }))).to.deep.equal([
      "Acme &amp; Sons",
      "(01) 09506000134352",
      "(10) L2611",
      "(21) 7QK3M9XR2TBW00AB",
      "(17) 270200",
      // DD = 00 is the last day of the month (GS1 §7.12).
      "EXP 2027-02-28",
      "Scan to verify",
    ]);
  });

  it("leaves the expiry lines out when the item has none, and the brand line when it has no brand", () => {
    expect(textsOf(renderLabelSvg(labelItem("S1", { expiry: null })))).to.deep.equal(["(01) 09506000134352", "(10) L2611", "(21) S1", "Scan to verify"]);
  });

  it("cuts a brand name longer than a line, saying so", () => {
    const item = { ...labelItem("S1"), brand: "The Very Long Brand Name Company of Nowhere" };
    expect(textsOf(renderLabelSvg(item))[0]).to.equal("The Very Long Brand Na...");
  });

  it("escapes &, <, > and quotes in lots and serials", () => {
    const svg = renderLabelSvg(labelItem(`A&B<C>"D'`, { lot: `"&'<` }));
    expect(textsOf(svg)).to.include("(21) A&amp;B&lt;C&gt;&quot;D&apos;").and.include("(10) &quot;&amp;&apos;&lt;");
    // Outside the XML markup itself, no raw < or & is left.
    const body = svg.replace(/<\/?[a-z]+(\s+[A-Za-z:-]+="[^"<&]*")*\s*\/?>/g, "");
    expect(body).not.to.match(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it("refuses an item whose text would differ from its QR code", () => {
    const item = { ...labelItem("S1"), serial: "S2" };
    expect(() => renderLabelSvg(item)).to.throw(/serial \(21\) printed as text differs/);
  });
});
