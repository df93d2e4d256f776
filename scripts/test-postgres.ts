/**
 * `npm run test:postgres`: the service suite once more on PostgreSQL. Every test file under test/server that
 * starts the service runs with TEST_STORE=postgres, so each service gets a fresh database on one private
 * server (test/helpers/postgres.ts). The browser and CLI suites drive the same routes and stay on SQLite;
 * files that choose PostgreSQL themselves (DATABASE_URL) ran on it in the first pass.
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");
const files: string[] = [];
for (const entry of await readdir(path.join(root, "test/server"), { recursive: true })) {
  if (!entry.endsWith(".test.ts")) continue;
  const file = path.join("test/server", entry);
  const text = await readFile(path.join(root, file), "utf8");
  // Files that give DATABASE_URL themselves run on PostgreSQL already, in the first pass.
  if (text.includes("startTestService(") && !text.includes("DATABASE_URL:")) files.push(file);
}
files.sort();
console.log(`The service suite on PostgreSQL: ${files.length} files`);
// Not --no-compile: after `hardhat test` has built the Solidity tests, the artifacts' build info is one the
// in-process chain cannot read; compiling first (cached, seconds) restores it.
const run = spawnSync("hardhat", ["test", "mocha", ...files], { cwd: root, stdio: "inherit", env: { ...process.env, TEST_STORE: "postgres" } });
process.exit(run.status ?? 1);
