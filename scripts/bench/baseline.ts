/**
 * The code as it was before the trust anchors (protocol 1), checked out beside this one and built, so that
 * benchmarks compare with it side by side in the same run: its verify endpoint under the same load, its
 * `registerBatch` without the GS1 prefix check. `BENCH_BASELINE_REF` names another commit.
 *
 * A git worktree in the temporary folder shares this checkout's objects and its `node_modules` (linked), so
 * preparing it costs one compilation; it is reused by later runs until the temporary folder is cleared.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

/** The last commit of protocol 1: the registries and service before brand names, prefixes and label hosts. */
export const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? "dac6896";

let prepared: Promise<string> | undefined;

/** The baseline's folder, checked out and built (contracts, ABIs, web app) once per process. */
export function baselineTree(): Promise<string> {
  return (prepared ??= prepare());
}

async function prepare(): Promise<string> {
  const { stdout } = await run("git", ["rev-parse", "--short", BASELINE_REF], { cwd: root });
  const commit = stdout.trim();
  const dir = path.join(os.tmpdir(), `veritrace-baseline-${commit}`);
  if (!existsSync(path.join(dir, "package.json"))) {
    await run("git", ["worktree", "prune"], { cwd: root });
    await run("git", ["worktree", "add", "--force", "--detach", dir, commit], { cwd: root });
  }
  if (!existsSync(path.join(dir, "node_modules"))) await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (!existsSync(path.join(dir, "app", "dist", "verifier", "index.html"))) {
    console.log(`  building the baseline (${commit}) in ${dir}`);
    // The same Node as this process (npm puts the project's Node 24 first on PATH for `npm run bench`).
    await run("npm", ["run", "build"], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  }
  return dir;
}

/** The web app as it was at `ref`: the page benchmarks compare against it (the ABIs are this checkout's). */
const appTrees = new Map<string, Promise<string>>();

/**
 * `ref`'s folder with only its web app built (no contract compilation): the contracts' ABIs are copied from
 * this checkout, which suits a baseline whose contracts are the same as today's.
 */
export function baselineAppTree(ref: string): Promise<string> {
  let tree = appTrees.get(ref);
  if (tree === undefined) appTrees.set(ref, (tree = prepareApp(ref)));
  return tree;
}

async function prepareApp(ref: string): Promise<string> {
  const { stdout } = await run("git", ["rev-parse", "--short", ref], { cwd: root });
  const commit = stdout.trim();
  const dir = path.join(os.tmpdir(), `veritrace-baseline-app-${commit}`);
  if (!existsSync(path.join(dir, "package.json"))) {
    await run("git", ["worktree", "prune"], { cwd: root });
    await run("git", ["worktree", "add", "--force", "--detach", dir, commit], { cwd: root });
  }
  if (!existsSync(path.join(dir, "node_modules"))) await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (!existsSync(path.join(dir, "app", "dist", "verifier", "index.html"))) {
    console.log(`  building the baseline web app (${commit}) in ${dir}`);
    await cp(path.join(root, "core", "abi"), path.join(dir, "core", "abi"), { recursive: true });
    await run(process.execPath, [path.join(dir, "scripts", "build-app.ts")], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  }
  return dir;
}
