/**
 * Lints the OpenAPI description the service serves: writes `openApiDocument()` to test-output/openapi.json
 * (kept, to read) and runs Redocly's linter on it with the project's rules (`redocly.yaml`, exceptions with
 * their reasons in `.redocly.lint-ignore.yaml`, which names the document by that path). Exits non-zero on
 * any problem, so `npm test` fails when a route is described carelessly.
 *
 *   npm run lint:openapi
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "../server/openapi.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
// The lint judges the document, not a deployment: any real-looking base URL will do (not example.com,
// which the rules rightly refuse in a served description).
const SERVER_URL = "https://veritrace.invalid";

const file = path.join(ROOT, "test-output", "openapi.json");
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(openApiDocument(SERVER_URL), null, 2)}\n`);
const redocly = path.join(ROOT, "node_modules", ".bin", "redocly");
const result = spawnSync(redocly, ["lint", "--config", path.join(ROOT, "redocly.yaml"), "--max-problems", "1000", path.relative(ROOT, file)], { stdio: "inherit", cwd: ROOT });
if (result.status !== 0) {
  console.error(
    "\nThe OpenAPI description has problems (above, each with its JSON pointer into test-output/openapi.json). " +
      "It is built from server/openapi*.ts and server/*/openapi.ts; the rules and why are in redocly.yaml.",
  );
}
process.exitCode = result.status ?? 1;
