import { expect } from "chai";
import { IdempotencyKeys } from "../../../app/console/idempotency.ts";
import { randomUuid } from "../../../app/console/uuid.ts";

describe("console idempotency keys", function () {
  const request = JSON.stringify({ gtin: "09506000134352", lot: "L1", quantity: 5 });

  it("gives each new submission a fresh key", function () {
    const keys = new IdempotencyKeys();
    const first = keys.keyFor(request);
    keys.answered();
    expect(keys.keyFor(request)).to.not.equal(first);
  });

  context("when the same request is submitted again after it got no answer", function () {
    it("reuses the key, so the service does not make the batch twice", function () {
      const keys = new IdempotencyKeys();
      expect(keys.keyFor(request)).to.equal(keys.keyFor(request));
    });
  });

  context("when the request was changed after it got no answer", function () {
    it("gives a fresh key", function () {
      const keys = new IdempotencyKeys();
      const first = keys.keyFor(request);
      expect(keys.keyFor(JSON.stringify({ gtin: "09506000134352", lot: "L2", quantity: 5 }))).to.not.equal(first);
    });
  });

  it("makes keys the service accepts: version 4 UUIDs", function () {
    expect(new IdempotencyKeys().keyFor(request)).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUuid()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
