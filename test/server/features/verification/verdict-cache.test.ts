import { expect } from "chai";
import { VerdictCache } from "../../../../server/features/verification/verdict-cache.ts";

const HEAD = "0x01";
const NEXT = "0x02";

describe("VerdictCache", function () {
  it("serves an answer only at the block hash it was computed at", function () {
    const cache = new VerdictCache<string>();
    cache.set("code", HEAD, cache.stamp("item"), "GENUINE");
    expect(cache.get("code", HEAD, "item")).to.equal("GENUINE");
    expect(cache.get("code", NEXT, "item")).to.equal(undefined);
  });

  it("drops an answer once a scan of its item is recorded, even one recorded while it was computed", function () {
    const cache = new VerdictCache<string>();
    const stamp = cache.stamp("item");
    cache.scanRecorded("item"); // between reading the history and storing the answer
    cache.set("code", HEAD, stamp, "GENUINE, 0 sessions");
    expect(cache.get("code", HEAD, "item")).to.equal(undefined);
    cache.set("code", HEAD, cache.stamp("item"), "GENUINE, 1 session");
    expect(cache.get("code", HEAD, "item")).to.equal("GENUINE, 1 session");
    cache.scanRecorded("other item");
    expect(cache.get("code", HEAD, "item")).to.equal("GENUINE, 1 session");
  });

  it("forgets everything, safely, when too many items were scanned to track", function () {
    const cache = new VerdictCache<string>({ scannedItems: 2 });
    cache.scanRecorded("a");
    cache.set("code", HEAD, cache.stamp("b"), "answer about b");
    cache.scanRecorded("c");
    cache.scanRecorded("d"); // over the bound: versions forgotten, so b's answer can no longer be trusted
    expect(cache.get("code", HEAD, "b")).to.equal(undefined);
  });

  it("forgets every answer when told scans may have been missed, and serves those computed afterwards", function () {
    const cache = new VerdictCache<string>();
    const early = cache.stamp("item");
    cache.set("code", HEAD, early, "answer before the gap");
    cache.set("other", HEAD, cache.stamp(undefined), "answer about a code with no item");
    cache.forgetAll();
    expect(cache.get("code", HEAD, "item")).to.equal(undefined);
    expect(cache.get("other", HEAD, undefined)).to.equal(undefined);
    // A stamp taken before the gap cannot bring an answer back either.
    cache.set("code", HEAD, early, "computed across the gap");
    expect(cache.get("code", HEAD, "item")).to.equal(undefined);
    cache.set("code", HEAD, cache.stamp("item"), "answer after the gap");
    expect(cache.get("code", HEAD, "item")).to.equal("answer after the gap");
  });
});
