import { expect } from "chai";
import { ApiError, NetworkError } from "../../cli/errors.ts";
import { withRetry } from "../../cli/retry.ts";

describe("withRetry", function () {
  it("repeats a request that found no service, until it answers", async function () {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new NetworkError("down", { url: "http://x" });
        return "ok";
      },
      { attempts: 3, delayMs: 1 },
    );
    expect(result).to.equal("ok");
    expect(calls).to.equal(3);
  });

  it("does not repeat a refusal by the service", async function () {
    let calls = 0;
    const refused = new ApiError("bad", { status: 400, code: "INVALID_FIELD" });
    const run = withRetry(
      async () => {
        calls++;
        throw refused;
      },
      { attempts: 3, delayMs: 1 },
    );
    await run.then(
      () => expect.fail("resolved"),
      (error: unknown) => expect(error).to.equal(refused),
    );
    expect(calls).to.equal(1);
  });
});
