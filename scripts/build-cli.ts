/**
 * Bundles the `veritrace` CLI into one JavaScript file, `bin/veritrace.js`, the package's `bin`: plain JS
 * for Node 20 and later, so it runs from a packed install or `npx veritrace` whatever Node the user has
 * (a `.ts` bin needs Node 24's type stripping and fails elsewhere). Run by `prepare` (npm install, npm ci)
 * and `prepack` (npm pack, npm publish); not committed.
 */
import { chmod } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

/** Where the bundle goes: one folder below the root, so the CLI's `../data` default still means the project's data folder. */
export const CLI_BUNDLE = path.join(root, "bin", "veritrace.js");

/** The oldest Node the bundle runs on (checked by test/scripts/build-cli.test.ts under the machine's Node 20). */
export const CLI_NODE_TARGET = "node20";

export async function buildCli(): Promise<string> {
  await build({
    entryPoints: [path.join(root, "cli", "veritrace.ts")],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: CLI_NODE_TARGET,
    logLevel: "warning",
    legalComments: "none",
    // The entry's own hashbang is kept first. CommonJS dependencies (cli-progress) call require() for Node's modules; an ES module has none of its own.
    banner: { js: 'import { createRequire as veritraceCreateRequire } from "node:module";\nconst require = veritraceCreateRequire(import.meta.url);' },
  });
  await chmod(CLI_BUNDLE, 0o755);
  return CLI_BUNDLE;
}

// Quiet when it works: `npm pack --json` prints the lifecycle scripts' output before its JSON.
if (import.meta.main) await buildCli();
