/**
 * `node scripts/start.ts` (what `npm start` execs) as a real process with its own data folder and ports:
 * SIGTERM and SIGINT stop the service and the local chain it started, logging each phase, exit 0 and free
 * both ports; a taken port is named with the variable to change, with no stack trace and nothing left
 * running; a second start on a data folder in use is refused; an anvil a killed run left behind is
 * stopped (its state kept) and replaced, not silently reused.
 */
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort, isPortFree } from "../../scripts/free-port.ts";
import { isAlive } from "../../scripts/local-chain.ts";

const START = path.resolve(import.meta.dirname, "../../scripts/start.ts");

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{ code: number | null; signal: string | null }> };

/** `detached`: in a process group of its own, as a terminal's foreground job is. */
function run(env: Record<string, string>, detached = false): Run {
  const child = spawn(process.execPath, [START], { env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"], detached });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function untilServing(started: Run): Promise<void> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (/"msg":"ready; Ctrl-C/.test(started.stdout())) return;
    if (started.child.exitCode !== null) break;
  }
  throw new Error(`not serving: ${started.stdout()}\n${started.stderr()}`);
}


/** The JSON log lines' `phase` fields, in order. */
const phases = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { phase?: string; msg: string })
    .filter((line) => line.phase !== undefined)
    .map((line) => line.phase);

describe("npm start (scripts/start.ts) lifecycle", function () {
  this.timeout(240_000);
  let dataDir: string;
  let env: Record<string, string>;
  let port: number;
  let chainPort: number;
  const spawned: Run[] = [];
  const start = (extra: Record<string, string> = {}, detached = false) => {
    const started = run({ ...env, ...extra }, detached);
    spawned.push(started);
    return started;
  };

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-start-"));
    port = await freePort();
    chainPort = await freePort();
    env = { DATA_DIR: dataDir, PORT: String(port), CHAIN_PORT: String(chainPort), SHUTDOWN_GRACE_MS: "2000" };
  });

  afterEach(async function () {
    for (const started of spawned.splice(0)) {
      if (started.child.exitCode === null && started.child.signalCode === null) {
        started.child.kill("SIGTERM");
        await started.exited;
      }
    }
  });

  after(async function () {
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [signal, toGroup] of [
    ["SIGTERM", false],
    ["SIGINT", false],
    ["SIGINT", true],
  ] as const) {
    const what = toGroup ? "Ctrl-C (SIGINT to the whole foreground process group)" : signal;
    it(`${what} stops the service and then the local chain, logs each phase, exits 0 and frees both ports`, async function () {
      const started = start({}, toGroup);
      await untilServing(started);
      const anvilPid = Number(await readFile(path.join(dataDir, "anvil.pid"), "utf8"));
      expect(isAlive(anvilPid)).to.equal(true);
      expect(await isPortFree("127.0.0.1", port)).to.equal(false);

      // A terminal signals every process of the group; anvil, in a group of its own, is stopped by the service last.
      process.kill(toGroup ? -started.child.pid! : started.child.pid!, signal);
      expect(await started.exited).to.deep.equal({ code: 0, signal: null });
      expect(phases(started.stdout())).to.deep.equal(["stop-accepting", "drained", "stop-workers", "stopped", "chain-stopped"]);
      expect(started.stdout()).to.include(`"signal":"${signal}"`);
      expect(isAlive(anvilPid)).to.equal(false);
      expect(await isPortFree("127.0.0.1", port)).to.equal(true);
      expect(await isPortFree("127.0.0.1", chainPort)).to.equal(true);
      expect(existsSync(path.join(dataDir, "anvil.pid"))).to.equal(false);
      expect(existsSync(path.join(dataDir, "veritrace.pid"))).to.equal(false);
    });
  }

  for (const [variable, which] of [
    ["PORT", () => port],
    ["CHAIN_PORT", () => chainPort],
  ] as const) {
    it(`a taken ${variable} is named with the variable to change: exit 1, no stack trace, nothing left running`, async function () {
      const holder: Server = await new Promise((resolve) => {
        const server = createServer().listen(which(), "127.0.0.1", () => resolve(server));
      });
      try {
        const started = start();
        expect((await started.exited).code).to.equal(1);
        expect(started.stderr()).to.include(`Port ${which()} on 127.0.0.1 is already in use`);
        expect(started.stderr()).to.include(`set ${variable} to a free port`);
        expect(started.stdout() + started.stderr()).to.not.match(/\n\s+at /);
        expect(started.stderr()).to.not.include("ERR_STREAM_WRITE_AFTER_END");
        expect(existsSync(path.join(dataDir, "anvil.pid"))).to.equal(false);
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
      expect(await isPortFree("127.0.0.1", port)).to.equal(true);
      expect(await isPortFree("127.0.0.1", chainPort)).to.equal(true);
    });
  }

  it("refuses a second start on a data folder in use, naming the running one", async function () {
    const first = start();
    await untilServing(first);
    const second = start({ PORT: String(await freePort()), CHAIN_PORT: String(await freePort()) });
    expect((await second.exited).code).to.equal(1);
    expect(second.stderr().trim()).to.equal(
      `Another Veritrace (pid ${first.child.pid}) is running with the data folder ${dataDir}. Stop it first (kill ${first.child.pid}), or set DATA_DIR to another folder.`,
    );
    // The first one is untouched.
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).to.equal(200);
  });

  it("stops an anvil that a killed run left behind (its state kept) instead of silently reusing it", async function () {
    const killed = start();
    await untilServing(killed);
    const leftover = Number(await readFile(path.join(dataDir, "anvil.pid"), "utf8"));
    killed.child.kill("SIGKILL");
    await killed.exited;
    expect(isAlive(leftover)).to.equal(true);

    const next = start();
    await untilServing(next);
    expect(isAlive(leftover)).to.equal(false);
    const warning = next
      .stdout()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line))
      .find((line) => line.anvilPid === leftover);
    expect(warning?.msg).to.match(/stopped a local chain \(anvil\) that an earlier, killed run left serving this data folder/);
    expect(Number(await readFile(path.join(dataDir, "anvil.pid"), "utf8"))).to.not.equal(leftover);
    // The same deployment, read from the state the leftover chain wrote when it was stopped.
    expect(next.stdout()).to.match(/"productRegistry":\{"address":"0x[0-9a-fA-F]{40}","deployedNow":false\}/);
  });
});
