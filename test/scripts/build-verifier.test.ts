/**
 * The static verifier build (`npm run build:verifier`) and its check (`npm run verifier:check`): what a
 * consortium publishes and what anyone relies on to know that a host serves it unchanged.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { VERIFIER_SCRIPT_BUDGET_GZIP } from "../../scripts/build-app.ts";
import { buildVerifier, SUMS_FILE, SUMS_JSON_FILE, type BuildVerifierReturnType, type SumsDocument } from "../../scripts/build-verifier.ts";
import { checkVerifier } from "../../scripts/check-verifier.ts";
import { serveFolder, type StaticFolder } from "../helpers/static-folder-server.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const API = "https://service.consortium.example";
const ROOT_OF_TRUST = {
  name: "Test Consortium",
  chainId: 8453,
  productRegistry: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  shipmentRegistry: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
  fromBlock: 12,
  rpcUrls: ["https://rpc.consortium.example/v1", "wss://ws.consortium.example"],
};
const ROOTS = { version: 1, roots: [ROOT_OF_TRUST] };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const sha384 = (bytes: Uint8Array) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** The error a promise rejects with; fails the test when it fulfils. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected it to fail");
}

/** Runs one of the scripts as a person would, asynchronously; never throws on a non-zero exit. */
async function script(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, "scripts", file), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("scripts/build-verifier", function () {
  this.timeout(120_000);
  let work: string;
  let out: string;
  let built: BuildVerifierReturnType;
  const read = (file: string) => readFile(path.join(out, file));
  const text = async (file: string) => (await read(file)).toString("utf8");

  before(async function () {
    work = await mkdtemp(path.join(os.tmpdir(), "veritrace-build-verifier-"));
    out = path.join(work, "verifier");
    built = await buildVerifier({ roots: ROOTS, outDir: out, api: API });
  });

  after(async function () {
    await rm(work, { recursive: true, force: true });
  });

  describe("with a roots file that is wrong", function () {
    it("refuses to build, naming the field", async function () {
      const bad = { version: 1, roots: [{ ...ROOT_OF_TRUST, chainId: 0 }] };
      expect((await failure(buildVerifier({ roots: bad, outDir: path.join(work, "bad") }))).message).to.contain("roots[0].chainId is not a positive integer");
      const { productRegistry: _missing, ...noRegistry } = ROOT_OF_TRUST;
      expect((await failure(buildVerifier({ roots: { version: 1, roots: [noRegistry] }, outDir: path.join(work, "bad") }))).message).to.contain("roots[0].productRegistry is missing");
      expect(await readdir(work)).to.deep.equal(["verifier"]);
    });

    it("fails on the command line with the message alone", async function () {
      const file = path.join(work, "roots-bad.json");
      await writeFile(file, JSON.stringify({ version: 1, roots: [{ ...ROOT_OF_TRUST, rpcUrls: ["ftp://rpc.example"] }] }));
      const result = await script("build-verifier.ts", ["--roots", file, "--out", path.join(work, "cli-bad")]);
      expect(result.code).to.equal(1);
      expect(result.stderr.trim()).to.equal("Trust roots: roots[0].rpcUrls[0] must be an http(s) or ws(s) URL");
      await rm(file);
    });
  });

  it("refuses an API over plain http, which no page on an https host could call", async function () {
    expect((await failure(buildVerifier({ roots: ROOTS, outDir: path.join(work, "bad"), api: "http://service.example" }))).message).to.contain("--api must be an https:// URL");
  });

  it("refuses to write into a folder that holds anything but an earlier build", async function () {
    const other = path.join(work, "other");
    await mkdir(other);
    await writeFile(path.join(other, "notes.txt"), "mine");
    expect((await failure(buildVerifier({ roots: ROOTS, outDir: other }))).message).to.contain("is not empty and is not an earlier verifier build");
    expect(await readFile(path.join(other, "notes.txt"), "utf8")).to.equal("mine");
    await rm(other, { recursive: true });
  });

  it("names every file but the page and its worker by its content", async function () {
    const files = await readdir(out);
    expect(files.sort()).to.deep.equal(built.files);
    const fixed = ["index.html", "sw.js", SUMS_FILE, SUMS_JSON_FILE];
    const hashed = files.filter((file) => !fixed.includes(file));
    expect(hashed.map((file) => file.replace(/-[A-Za-z0-9]{8,}(\.[a-z]+)$/, "$1")).sort()).to.deep.equal([
      "icon.svg",
      "manifest.webmanifest",
      "verifier.css",
      "verifier.js",
      "zxing_reader.wasm",
    ]);
    for (const file of hashed.filter((name) => !name.startsWith("verifier-"))) {
      expect(sha256(await read(file)).startsWith(file.split("-")[1]!.split(".")[0]!), file).to.equal(true);
    }
  });

  it("lists every file in SHA256SUMS with its hash, as sha256sum writes it, and the same in JSON", async function () {
    const lines = (await text(SUMS_FILE)).trimEnd().split("\n");
    const listed = lines.map((line) => {
      const [hash, file] = line.split("  ");
      return { hash: hash!, file: file! };
    });
    expect(listed.map((entry) => entry.file)).to.deep.equal((await readdir(out)).filter((file) => !file.startsWith("SHA256SUMS")).sort());
    for (const { hash, file } of listed) expect(sha256(await read(file)), file).to.equal(hash);
    const json = JSON.parse(await text(SUMS_JSON_FILE)) as SumsDocument;
    expect(json.files.map((entry) => [entry.sha256, entry.path])).to.deep.equal(listed.map((entry) => [entry.hash, entry.file]));
    expect(json.api).to.equal(API);
    expect(json.roots[0]!.productRegistry).to.equal("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(built.sumsSha256).to.equal(sha256(await read(SUMS_FILE)));
    // The tool people will actually use, where the machine has it.
    const check = await run("sha256sum", ["-c", SUMS_FILE], { cwd: out }).catch((error: { code?: string }) => (error.code === "ENOENT" ? undefined : Promise.reject(error)));
    if (check) expect(check.stdout.trim().split("\n")).to.have.length(lines.length).and.to.satisfy((rows: string[]) => rows.every((row) => row.endsWith(": OK")));
  });

  it("pins the script and stylesheet in index.html with Subresource Integrity, and the decoder's WebAssembly in the script", async function () {
    const html = await text("index.html");
    const script = html.match(/<script type="module" src="([^"]+)" integrity="([^"]+)"><\/script>/);
    const style = html.match(/<link rel="stylesheet" href="([^"]+)" integrity="([^"]+)" \/>/);
    expect(script, "script tag").to.not.equal(null);
    expect(style, "stylesheet tag").to.not.equal(null);
    expect(script![2]).to.equal(sha384(await read(script![1]!)));
    expect(style![2]).to.equal(sha384(await read(style![1]!)));
    const wasm = (await readdir(out)).find((file) => file.endsWith(".wasm"))!;
    expect(await text(script![1]!)).to.contain(`{file:"${wasm}",integrity:"${sha384(await read(wasm))}"}`);
  });

  it("bakes the trust roots and the API into the script", async function () {
    const js = await text(built.files.find((file) => file.endsWith(".js") && file !== "sw.js")!);
    expect(js).to.contain("0x5FbDB2315678afecb367f032d93F642f64180aa3").and.to.contain("Test Consortium").and.to.contain("https://rpc.consortium.example/v1");
    expect(js).to.contain(`"${API}"`);
  });

  it("sets a strict content-security policy in the page and runs no inline script", async function () {
    const html = await text("index.html");
    const content = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/)![1]!;
    const policy = Object.fromEntries(content.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));
    expect(policy["default-src"]).to.deep.equal(["'none'"]);
    expect(policy["script-src"]).to.deep.equal(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy["connect-src"]).to.deep.equal([
      "'self'",
      API,
      "https://rpc.consortium.example",
      "wss://ws.consortium.example",
      "https:",
      "http://127.0.0.1:*",
      "http://localhost:*",
    ]);
    expect(policy["worker-src"]).to.deep.equal(["'self'"]);
    expect(policy["manifest-src"]).to.deep.equal(["'self'"]);
    expect(content).to.not.contain("unsafe-inline");
    // Before anything it governs, and every script has a source.
    expect(html.indexOf("Content-Security-Policy")).to.be.lessThan(html.indexOf("<link"));
    expect(html.match(/<script\b[^>]*>/g)).to.deep.equal([html.match(/<script type="module" src="[^"]+" integrity="[^"]+">/)![0]]);
  });

  it("is an installable app: a manifest with its icon, and a worker that keeps every file by its hash", async function () {
    const html = await text("index.html");
    const manifestFile = html.match(/<link rel="manifest" href="([^"]+)" \/>/)![1]!;
    const manifest = JSON.parse(await text(manifestFile));
    expect(manifest).to.include({ start_url: "./", scope: "./", display: "standalone" });
    expect(manifest.icons[0].src).to.match(/^icon-[0-9a-f]+\.svg$/);
    expect(html).to.contain(`<link rel="icon" href="${manifest.icons[0].src}"`);
    const worker = await text("sw.js");
    for (const file of built.files.filter((name) => !["sw.js", SUMS_FILE, SUMS_JSON_FILE].includes(name))) {
      expect(worker, file).to.contain(`{url:"${file}",integrity:"${sha384(await read(file))}"}`);
    }
  });

  it("refers to no third-party host", async function () {
    // Its own: the API, the roots' RPCs, and the user's device (a node of their own, see static-app.ts).
    const own = new Set(["service.consortium.example", "rpc.consortium.example", "ws.consortium.example", "127.0.0.1", "localhost"]);
    // Names inside the libraries that the page never fetches: documentation links in viem's and ox's error
    // messages, an example in the RPC setting's message, and zxing-wasm's default CDN, which
    // app/verifier/decoder.ts replaces with the build's own file (the browser test sees no such request).
    // The SVG namespace the page's icons are drawn in is a name too.
    const inert = new Set(["viem.sh", "oxlib.sh", "4byte.sourcify.dev", "rpc.example.org", "fastly.jsdelivr.net", "www.w3.org"]);
    for (const file of built.files.filter((name) => !name.endsWith(".wasm"))) {
      const hosts = [...(await text(file)).matchAll(/\b(?:https?|wss?):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)/g)].map(([, host]) => host!);
      // The SVG namespace is a name, not an address.
      const foreign = hosts.filter((host) => !own.has(host) && !(file.endsWith(".svg") && host === "www.w3.org"));
      const pageScript = file.startsWith("verifier-") && file.endsWith(".js");
      expect(pageScript ? foreign.filter((host) => !inert.has(host)) : foreign, file).to.deep.equal([]);
    }
  });

  it("ships at most 200 kB of gzipped JavaScript (page and worker), its WebAssembly decoder apart", async function () {
    expect(built.script.files).to.have.length(2);
    console.log(`      static verifier JavaScript: ${(built.script.raw / 1024).toFixed(1)} kB raw, ${(built.script.gzip / 1024).toFixed(1)} kB gzipped`);
    expect(built.script.gzip).to.be.at.most(VERIFIER_SCRIPT_BUDGET_GZIP);
  });

  it("gives the same bytes when built again from the same sources and roots, and replaces its earlier build", async function () {
    const again = await buildVerifier({ roots: ROOTS, outDir: path.join(work, "again"), api: API });
    expect(again.sumsSha256).to.equal(built.sumsSha256);
    const replaced = await buildVerifier({ roots: ROOTS, outDir: path.join(work, "again"), api: API });
    expect(replaced.sumsSha256).to.equal(built.sumsSha256);
    await rm(path.join(work, "again"), { recursive: true });
  });

  describe("checking a hosted copy (scripts/check-verifier)", function () {
    let copy: string;
    let host: StaticFolder;
    let sums: string;

    before(async function () {
      copy = path.join(work, "hosted");
      await cp(out, copy, { recursive: true });
      host = await serveFolder(copy);
      sums = await text(SUMS_FILE);
    });

    after(async function () {
      await host?.close();
    });

    it("passes on an intact copy, from a folder and over HTTP", async function () {
      for (const target of [copy, host.url]) {
        const result = await checkVerifier({ target, sums, sumsSha256: built.sumsSha256 });
        expect(result.ok, target).to.equal(true);
        expect(result.files.map((file) => file.status)).to.deep.equal(built.sums.map(() => "ok"));
      }
      const cli = await script("check-verifier.ts", [host.url, "--sums", path.join(out, SUMS_FILE)]);
      expect(cli.code, cli.stderr).to.equal(0);
      expect(cli.stdout).to.contain(`${built.sums.length} files checked`).and.to.contain("all match");
    });

    it("names the file a host changed by one byte, and the one it removed", async function () {
      const changed = built.files.find((file) => file.startsWith("verifier-") && file.endsWith(".js"))!;
      const bytes = await readFile(path.join(copy, changed));
      bytes[1000] = bytes[1000]! ^ 1;
      await writeFile(path.join(copy, changed), bytes);
      const result = await checkVerifier({ target: host.url, sums });
      expect(result.ok).to.equal(false);
      expect(result.files.filter((file) => file.status !== "ok")).to.deep.equal([
        { path: changed, sha256: built.sums.find((entry) => entry.path === changed)!.sha256, status: "differs", actual: sha256(bytes) },
      ]);

      await rm(path.join(copy, "sw.js"));
      const cli = await script("check-verifier.ts", [host.url, "--sums", path.join(out, SUMS_FILE)]);
      expect(cli.code).to.equal(1);
      expect(cli.stdout).to.match(new RegExp(`DIFFERS +${changed.replace(".", "\\.")} \\(expected`));
      expect(cli.stdout).to.match(/MISSING +sw\.js \(HTTP 404\)/);
      expect(cli.stdout).to.contain(`2 do not match: sw.js, ${changed}.`);
    });

    it("refuses a hash list that is not the one announced", async function () {
      expect((await failure(checkVerifier({ target: copy, sums: sums.replace(/^./, "0"), sumsSha256: built.sumsSha256 }))).message).to.contain("not the announced");
    });
  });
});
