/** Which errors are the chain node's fault (503 CHAIN_UNREACHABLE) and which keep their own meaning. */
import { expect } from "chai";
import { BaseError, ContractFunctionExecutionError, HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { chainFaultOf, isChainFault, RpcUnreachableError } from "../../../server/chain/faults.ts";

describe("server/chain/faults", function () {
  const url = "http://127.0.0.1:8545";
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED" });

  it("counts refused, timed-out and dropped calls, however deeply viem wraps them", function () {
    for (const [what, error] of [
      ["HttpRequestError", new HttpRequestError({ url, cause: refused })],
      ["TimeoutError", new TimeoutError({ body: {}, url })],
      ["our own head reader's", new RpcUnreachableError("RPC did not answer in 300 ms")],
      ["a contract call wrapping a timeout", new ContractFunctionExecutionError(new TimeoutError({ body: {}, url }), { abi: [], functionName: "getBatch" })],
      ["a bare socket error in a cause chain", new Error("fetch failed", { cause: new Error("socket", { cause: refused }) })],
    ] as const) {
      expect(isChainFault(error), what).to.equal(true);
    }
  });

  it("leaves alone what the node answered (an RPC error such as nonce too low) and our own bugs", function () {
    for (const [what, error] of [
      ["an RPC error answer", new RpcRequestError({ body: {}, error: { code: -32000, message: "nonce too low" }, url })],
      ["a viem error of another kind", new BaseError("something else")],
      ["a plain error", new TypeError("undefined is not a function")],
      ["not an error", "ECONNREFUSED"],
    ] as const) {
      expect(isChainFault(error), what).to.equal(false);
      expect(chainFaultOf(error), what).to.equal(undefined);
    }
  });

  it("answers 503 CHAIN_UNREACHABLE with Retry-After, keeping the cause", function () {
    const cause = new HttpRequestError({ url, cause: refused });
    const answer = chainFaultOf(cause)!;
    expect(answer).to.include({ status: 503, code: "CHAIN_UNREACHABLE", cause });
    expect(answer.headers).to.deep.equal({ "Retry-After": "5" });
    expect(answer.message).to.equal("The chain cannot be reached right now; try again shortly");
  });
});
