/**
 * When the chain goes away under a running service (real anvil, stopped): the RPC error counter rises, the
 * probe says the chain is down, the head's age keeps growing, and a verify is an honest UNVERIFIED, counted.
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
    expect(valueOf(up, "veritrace_chain_head_age_seconds")).to.be.at.least(0).and.below(60);

    const brand = await stack.newBrand("Acme");
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: "09506000134352", lot: "DOWN1", quantity: 1 });
    const csv = (await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=csv`, { key: brand.apiKey })).body as Buffer;
    const code = csv.toString("utf8").trim().split("\r\n")[1]!.split(",").at(-1)!;
    expect((await stack.api("GET", `/api/v1/verify?code=${encodeURIComponent(code)}`)).body.verdict).to.equal("GENUINE");

    await stack.stopChain();
    const ageUp = valueOf(await scrape(stack.url), "veritrace_chain_head_age_seconds");
    const verify = await stack.api("GET", `/api/v1/verify?code=${encodeURIComponent(code)}`);
    expect(verify.status, JSON.stringify(verify.body)).to.equal(200);
    expect(verify.body.verdict).to.equal("UNVERIFIED");
    expect(verify.body.reasons[0].code).to.equal("CHAIN_UNREACHABLE");
    // At least one probe after the stop, and past viem's block-number cache.
    await sleep(2_500);
    expect((await stack.api("GET", "/readyz")).status).to.equal(503);
    // /readyz answers at its own deadline; the block-number call it gave up on fails (and is counted) when
    // the transport's retry ends, a moment later.
    let down = await scrape(stack.url);
    for (let i = 0; i < 20 && valueOf(down, "veritrace_rpc_errors_total", { method: "eth_blockNumber", kind: "unreachable" }) === 0; i++) {
      await sleep(250);
      down = await scrape(stack.url);
    }

    const errors = samplesOf(down, "veritrace_rpc_errors_total");
    expect(errors.length).to.be.greaterThan(0);
    for (const e of errors) expect(e.labels.kind, JSON.stringify(e.labels)).to.equal("unreachable");
    // The readiness check's block number and the probe's latest block (at least the one after the stop).
    expect(valueOf(down, "veritrace_rpc_errors_total", { method: "eth_getBlockByNumber", kind: "unreachable" })).to.be.at.least(1);
    expect(valueOf(down, "veritrace_rpc_errors_total", { method: "eth_blockNumber", kind: "unreachable" })).to.be.at.least(1);
    expect(valueOf(down, "veritrace_chain_up")).to.equal(0);
    expect(valueOf(down, "veritrace_chain_head_age_seconds")).to.be.at.least(ageUp + 2);
    expect(valueOf(down, "veritrace_verdicts_total", { verdict: "UNVERIFIED", reason: "CHAIN_UNREACHABLE" })).to.equal(1);
  });
});
