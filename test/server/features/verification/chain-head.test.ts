import { expect } from "chai";
import { ChainHead } from "../../../../server/features/verification/chain-head.ts";

/** A head read whose calls the test answers by hand, recording when each began. */
function manualHead() {
  const calls: Array<{ resolve: (n: bigint) => void; reject: (e: Error) => void }> = [];
  const head = new ChainHead(() => new Promise<bigint>((resolve, reject) => calls.push({ resolve, reject })));
  return { head, calls };
}

describe("ChainHead", function () {
  it("starts a call for a request when none is running", async function () {
    const { head, calls } = manualHead();
    const answer = head.current();
    expect(calls).to.have.length(1);
    calls[0]!.resolve(7n);
    expect(await answer).to.equal(7n);
  });

  it("never lets a request join a call that began before it arrived", async function () {
    const { head, calls } = manualHead();
    const early = head.current();
    const late = head.current(); // arrives while call 1 runs
    expect(calls).to.have.length(1);
    calls[0]!.resolve(7n); // e.g. the head before a recall was mined
    expect(await early).to.equal(7n);
    await new Promise((r) => setImmediate(r));
    expect(calls, "a second call began for the late request").to.have.length(2);
    calls[1]!.resolve(8n);
    expect(await late).to.equal(8n);
  });

  it("shares one queued call between all requests that arrive while a call runs", async function () {
    const { head, calls } = manualHead();
    void head.current();
    const waiting = [head.current(), head.current(), head.current()];
    calls[0]!.resolve(1n);
    await new Promise((r) => setImmediate(r));
    expect(calls).to.have.length(2);
    calls[1]!.resolve(2n);
    expect(await Promise.all(waiting)).to.deep.equal([2n, 2n, 2n]);
  });

  it("passes a failed read to its requests and recovers for the next ones", async function () {
    const { head, calls } = manualHead();
    const failing = head.current();
    calls[0]!.reject(new Error("connection refused"));
    const error = await failing.then(() => undefined, (e: Error) => e);
    expect(error?.message).to.equal("connection refused");
    const next = head.current();
    expect(calls).to.have.length(2);
    calls[1]!.resolve(3n);
    expect(await next).to.equal(3n);
  });
});
