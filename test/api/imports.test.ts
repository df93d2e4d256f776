/**
 * The API's contract lives in `api/` so that the CLI and the web app take the service's request and
 * response shapes without reaching into the service: `api/` may import only `core/`, itself and libraries,
 * and nothing under cli/ or app/ may import server/. A deep import of server code would load (or bundle)
 * the service into a client, or tie a client to a file the service may move.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Static imports, re-exports, side-effect imports and dynamic `import("…")`, as written. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

type Import = { file: string; specifier: string; resolved: string | undefined };

async function sourceFiles(folder: string, skip: string[] = []): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((file) => !skip.some((s) => file === s || file.startsWith(`${s}${path.sep}`)));
}

/** Every import of the files, with relative ones resolved to a path from the project root. */
async function importsOf(files: string[]): Promise<Import[]> {
  const found: Import[] = [];
  for (const file of files) {
    const text = await readFile(path.join(ROOT, file), "utf8");
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      const resolved = specifier!.startsWith(".") ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier!)) : undefined;
      found.push({ file, specifier: specifier!, resolved });
    }
  }
  return found;
}

const under = (folder: string) => (i: Import) => i.resolved !== undefined && (i.resolved === folder || i.resolved.startsWith(`${folder}${path.sep}`));
const show = (imports: Import[]) => imports.map((i) => `${i.file} imports ${i.specifier}`);

describe("api/", () => {
  it("imports only core/, its own files and libraries, never server/", async () => {
    const imports = await importsOf(await sourceFiles("api"));
    // The scan must see the module's imports at all, or every check below passes on nothing.
    expect(imports.filter(under("api")).length).to.be.greaterThan(5);
    const outside = imports.filter((i) => i.resolved !== undefined && !under("api")(i) && !under("core")(i));
    expect(show(outside)).to.deep.equal([]);
  });

  it("is what the CLI and the web app import instead of server/ (app/dist aside)", async () => {
    const imports = await importsOf([...(await sourceFiles("cli")), ...(await sourceFiles("app", [path.join("app", "dist")]))]);
    expect(imports.filter(under("api")).length).to.be.greaterThan(5);
    expect(show(imports.filter(under("server")))).to.deep.equal([]);
  });
});
