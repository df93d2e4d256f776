import { expect } from "chai";
import { PassThrough } from "node:stream";
import { main } from "../../cli/main.ts";
import packageJson from "../../package.json" with { type: "json" };

/** Runs `main` in this process with its output captured (no network is reached by these command lines). */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe("main", function () {
  it("documents the exit codes and the environment in --help", async function () {
    const { code, stdout } = await run(["--help"]);
    expect(code).to.equal(0);
    expect(stdout).to.include("Exit codes:").and.to.include("VERITRACE_API_KEY");
    for (const exit of ["0", "1", "2", "3", "4"]) expect(stdout).to.match(new RegExp(`^  ${exit}  `, "m"));
  });

  it("prints the package's version", async function () {
    const { code, stdout } = await run(["--version"]);
    expect(code).to.equal(0);
    expect(stdout.trim()).to.equal(packageJson.version);
  });

  context("when the command line is wrong", function () {
    for (const argv of [["batch", "create", "--lot", "L1", "--quantity", "1"], ["batch", "frobnicate"], ["batch", "create", "--gtin", "1", "--lot", "L", "--quantity", "ten"], ["verify", "x", "--rpc", "localhost:8545"], []]) {
      it(`exits 2 for \`${argv.join(" ")}\``, async function () {
        const { code, stderr } = await run(argv);
        expect(code).to.equal(2);
        expect(stderr).not.to.equal("");
      });
    }
  });

  context("when no API key is given", function () {
    it("exits 2 before any request, naming --api-key", async function () {
      const { code, stderr } = await run(["--url", "http://127.0.0.1:9", "--api-key", "", "batch", "list"]);
      expect(code).to.equal(2);
      expect(stderr).to.include("--api-key");
    });
  });
});
