/** The service's logger: JSON lines, keys redacted, and a provider key in the RPC URL never written. */
import { Writable } from "node:stream";
import { expect } from "chai";
import { createLogger } from "../../server/service.ts";

function capture(rpcUrl?: string) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter((l) => l !== ""));
      done();
    },
  });
  return { logger: createLogger("info", { rpcUrl, destination }), lines };
}

describe("createLogger", function () {
  it("writes one JSON object per line and redacts keys one level down", function () {
    const { logger, lines } = capture();
    logger.info({ organisation: { apiKey: "vt_secret", name: "Acme" } }, "made");
    expect(lines).to.have.length(1);
    const line = JSON.parse(lines[0]!);
    expect(line).to.include({ level: 30, msg: "made" });
    expect(line.organisation).to.deep.equal({ apiKey: "[redacted]", name: "Acme" });
  });

  it("never writes an RPC URL's path, which may hold the provider's key, wherever it appears", function () {
    const rpcUrl = "https://mainnet.provider.example/v3/0123456789abcdef";
    const { logger, lines } = capture(rpcUrl);
    const error = new Error(`HTTP request failed.\n\nURL: ${rpcUrl}\nRequest body: {"method":"eth_blockNumber"}`);
    logger.warn({ err: error, rpc: rpcUrl }, `could not reach ${rpcUrl}`);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.not.include("0123456789abcdef");
    const line = JSON.parse(lines[0]!);
    expect(line.rpc).to.equal("https://mainnet.provider.example/[redacted]");
    expect(line.msg).to.equal("could not reach https://mainnet.provider.example/[redacted]");
    expect(line.err.message).to.include("URL: https://mainnet.provider.example/[redacted]");
  });

  it("leaves an RPC URL without a path alone", function () {
    const { logger, lines } = capture("http://127.0.0.1:8545");
    logger.info({ rpc: "http://127.0.0.1:8545" }, "chain");
    expect(JSON.parse(lines[0]!).rpc).to.equal("http://127.0.0.1:8545");
  });
});
