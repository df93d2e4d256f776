import { expect } from "chai";
import { network } from "hardhat";
import { httpHeadReader } from "../../../../server/features/verification/rpc-head.ts";
import { freePort } from "../../../../scripts/free-port.ts";
import { RpcUnreachableError } from "../../../../server/chain/faults.ts";
import { startRpcBridge } from "../../../helpers/rpc-bridge.ts";

const { provider, networkHelpers } = await network.create();

describe("httpHeadReader", function () {
  it("reads the latest block's number and hash, and follows the chain as it grows", async function () {
    const bridge = await startRpcBridge(provider);
    try {
      const read = httpHeadReader(bridge.url);
      await networkHelpers.mine(3);
      const latest = (await provider.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { number: string; hash: string };
      expect(await read()).to.deep.equal({ number: BigInt(latest.number), hash: latest.hash });
      await networkHelpers.mine(1);
      expect((await read()).number).to.equal(BigInt(latest.number) + 1n);
    } finally {
      await bridge.close();
    }
  });

  it("fails with the reason when the RPC cannot be reached", async function () {
    const read = httpHeadReader(`http://127.0.0.1:${await freePort()}`);
    let failure: unknown;
    await read().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/ECONNREFUSED/);
  });

  it("gives up on a node that accepts the connection but never answers, within its deadline", async function () {
    const { createServer } = await import("node:net");
    const silent = createServer(() => undefined).listen(0, "127.0.0.1");
    await new Promise((resolve) => silent.once("listening", resolve));
    try {
      const read = httpHeadReader(`http://127.0.0.1:${(silent.address() as { port: number }).port}`, 200);
      const started = performance.now();
      let failure: unknown;
      await read().catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(RpcUnreachableError);
      expect(String(failure)).to.match(/did not answer eth_getBlockByNumber in 200 ms/);
      expect(performance.now() - started).to.be.within(150, 2_000);
    } finally {
      silent.close();
    }
  });
});
