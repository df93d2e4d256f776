/**
 * What counts as an RPC error, on Hardhat's real in-process chain through viem: a node's error answer and
 * no answer at all count; a contract's revert and a method the node does not offer do not.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { createPublicClient, custom, http, type Address } from "viem";
import { freePort } from "../../../scripts/free-port.ts";
import { observedTransport, type RpcErrorKind } from "../../../server/chain/observed-transport.ts";

async function rejects(promise: Promise<unknown>): Promise<void> {
  const failed = await promise.then(
    () => false,
    () => true,
  );
  expect(failed, "the call should have failed").to.equal(true);
}

describe("observedTransport", function () {
  let connection: Awaited<ReturnType<typeof network.create>>;
  let registry: Address;
  const seen: Array<[string, RpcErrorKind]> = [];
  const client = () => createPublicClient({ transport: observedTransport(custom(connection.provider), (method, kind) => seen.push([method, kind])) });

  before(async function () {
    connection = await network.create();
    const [deployer] = await connection.ethers.getSigners();
    const contract = await connection.ethers.deployContract("ProductRegistry", [deployer!.address, deployer!.address]);
    registry = (await contract.getAddress()) as Address;
  });

  beforeEach(function () {
    seen.length = 0;
  });

  it("counts nothing for calls that succeed", async function () {
    expect(await client().getBlockNumber()).to.be.a("bigint");
    expect(seen).to.deep.equal([]);
  });

  it("does not count a contract's revert", async function () {
    // No function has this selector and the registry has no fallback: the call reverts.
    await rejects(client().call({ to: registry, data: "0xdeadbeef" }));
    expect(seen).to.deep.equal([]);
  });

  it("does not count a method the node does not offer", async function () {
    await rejects(client().request({ method: "eth_noSuchMethod" as "eth_chainId" }));
    expect(seen).to.deep.equal([]);
  });

  it("counts the node's error answer as an error, by method", async function () {
    await rejects(client().request({ method: "eth_getBalance", params: ["not an address" as Address, "latest"] }));
    expect(seen).to.deep.equal([["eth_getBalance", "error"]]);
  });

  it("counts no answer as unreachable, once per call (the transport's own retries inside it)", async function () {
    const port = await freePort();
    const down = createPublicClient({ transport: observedTransport(http(`http://127.0.0.1:${port}`, { retryCount: 1, retryDelay: 1 }), (m, k) => seen.push([m, k])) });
    await rejects(down.getChainId());
    expect(seen).to.deep.equal([["eth_chainId", "unreachable"]]);
  });
});
