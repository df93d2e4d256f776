import { expect } from "chai";
import { network } from "hardhat";
import { httpHeadReader } from "../../../server/verification/rpc-head.ts";
import { freePort } from "../../../scripts/free-port.ts";
import { startRpcBridge } from "../../helpers/rpc-bridge.ts";

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
});
