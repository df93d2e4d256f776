/**
 * `scripts/start.ts` as a real child process (local anvil chain, deploy, service): everything it writes to
 * stdout is one JSON object per line, requests are logged with their id and full path and without their
 * query string, and no secret but the local stack's demo keys is written.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { freePort } from "../../scripts/free-port.ts";
import { jsonLines, readyLine, type LogLine } from "../helpers/start-output.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("npm start's stdout", function () {
  this.timeout(180_000);
  let child: ChildProcess;
  let dataDir: string;
  let stdout = "";
  let stderr = "";
  let lines: LogLine[];
  let generatedId: string;
  let brandApiKey: string;

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-start-logs-"));
    child = spawn(process.execPath, [path.join(root, "scripts/start.ts")], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), CHAIN_PORT: String(await freePort()), LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d: Buffer) => (stdout += d));
    child.stderr!.on("data", (d: Buffer) => (stderr += d));
    let url: string | undefined;
    for (const deadline = Date.now() + 120_000; url === undefined; await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the stack did not start:\n${stdout}\n${stderr}`);
      url = readyLine(stdout)?.service;
    }
    brandApiKey = (JSON.parse(await readFile(path.join(dataDir, "demo-credentials.json"), "utf8")) as { brandApiKey: string }).brandApiKey;

    expect((await fetch(`${url}/api/v1/network`, { headers: { "x-request-id": "trace-abc.1" } })).status).to.equal(200);
    const verify = await fetch(`${url}/api/v1/verify?code=not-a-code&apiKey=SUPERSECRET`);
    // Refused (an unknown parameter), and logged all the same.
    expect(verify.status).to.equal(400);
    generatedId = verify.headers.get("x-request-id")!;
    expect((await fetch(`${url}/api/v1/batches/0x${"00".repeat(32)}`, { headers: { authorization: `Bearer ${brandApiKey}` } })).status).to.equal(404);

    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
    lines = jsonLines(stdout);
  });

  after(async function () {
    if (child?.exitCode === null) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is one JSON object per line, each with a level, a time and a message", function () {
    expect(stdout.endsWith("\n")).to.equal(true);
    expect(lines.length).to.equal(stdout.trim().split("\n").length);
    for (const line of lines) {
      expect(line.level, JSON.stringify(line)).to.be.a("number");
      expect(line.time, JSON.stringify(line)).to.be.a("number");
      expect(line.msg, JSON.stringify(line)).to.be.a("string").and.not.empty;
    }
  });

  it("logs each request with its id, method, full path, route template, status and duration", function () {
    const requests = lines.filter((l) => l.msg === "request");
    const network = requests.find((l) => l.path === "/api/v1/network")!;
    expect(network).to.include({ reqId: "trace-abc.1", method: "GET", route: "/api/v1/network", status: 200 });
    expect(network.ms).to.be.a("number").and.at.least(0);
    const verify = requests.find((l) => l.path === "/api/v1/verify")!;
    expect(verify).to.include({ reqId: generatedId, route: "/api/v1/verify", status: 400 });
    const batch = requests.find((l) => typeof l.path === "string" && l.path.startsWith("/api/v1/batches/"))!;
    expect(batch).to.include({ path: `/api/v1/batches/0x${"00".repeat(32)}`, route: "/api/v1/batches/:id", status: 404 });
    for (const line of requests) expect(line.reqId, JSON.stringify(line)).to.be.a("string").and.not.empty;
  });

  it("never logs a query string, the master key, or the brand key outside the local demo line", async function () {
    expect(stdout).to.not.include("SUPERSECRET").and.not.include("?code=");
    const masterKey = (await readFile(path.join(dataDir, "master.key"), "utf8")).trim();
    expect(stdout).to.not.include(masterKey);
    const withKey = lines.filter((l) => JSON.stringify(l).includes(brandApiKey));
    expect(withKey.map((l) => l.msg)).to.deep.equal(["demo API keys (local development stack)"]);
  });

  it("starts with the demo keys and ends start-up with a ready line naming the service, chain and registries", function () {
    const demo = lines.find((l) => l.msg.startsWith("demo API keys"))!;
    expect(demo.registrarApiKey).to.match(/^vt_[A-Za-z0-9_-]{43}$/);
    expect(demo).to.include({ brandApiKey, file: path.join(dataDir, "demo-credentials.json") });
    const ready = readyLine(stdout)!;
    expect(ready.service).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.chain).to.deep.include({ chainId: 31337, local: true });
    expect(ready.productRegistry.address).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(ready.apiDescription).to.equal(`${ready.service}/api/v1/openapi.json`);
  });
});
