/**
 * When the chain goes away under a running service (real anvil, stopped): the RPC error counter rises, the
 * probe says the chain is down, and the head's age keeps growing.
 */
import { expect } from "chai";
import { scrape, samplesOf, valueOf } from "../helpers/prometheus.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("metrics when the chain is down", function () {
  let stack: HttpStack;

  before(async function () {
    stack = await startHttpStack({ CHAIN_PROBE_INTERVAL_MS: "1000" });
  });

  after(async function () {
    await stack?.close();
  });

  it("counts RPC errors, reports the chain down, and the head age grows", async function () {
    const up = await scrape(stack.url);
    expect(valueOf(up, "veritrace_chain_up")).to.equal(1);
    expect(samplesOf(up, "veritrace_rpc_errors_total")).to.deep.equal([]);
    const ageUp = valueOf(up, "veritrace_chain_head_age_seconds");
    expect(ageUp).to.be.at.least(0).and.below(60);

    await stack.stopChain();
    // At least one probe after the stop, and past viem's block-number cache.
    await sleep(2_500);
    expect((await stack.api("GET", "/readyz")).status).to.equal(503);
    const down = await scrape(stack.url);

    const errors = samplesOf(down, "veritrace_rpc_errors_total");
    expect(errors.length).to.be.greaterThan(0);
    for (const e of errors) expect(e.labels.kind, JSON.stringify(e.labels)).to.equal("unreachable");
    // The readiness check's block number and the probe's latest block (at least the one after the stop).
    expect(valueOf(down, "veritrace_rpc_errors_total", { method: "eth_getBlockByNumber", kind: "unreachable" })).to.be.at.least(1);
    expect(valueOf(down, "veritrace_rpc_errors_total", { method: "eth_blockNumber", kind: "unreachable" })).to.be.at.least(1);
    expect(valueOf(down, "veritrace_chain_up")).to.equal(0);
    expect(valueOf(down, "veritrace_chain_head_age_seconds")).to.be.at.least(ageUp + 2);
  });
});
