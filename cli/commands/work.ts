/**
 * `veritrace work register|show|list` (a rights holder registers; anyone reads) and `content check` (a
 * platform): files are uploaded as they are; the service computes the SHA-256 and, for PNG and JPEG, the
 * perceptual hash.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { ContentCheck, WorkRegistration, WorkView } from "../../api/licences.ts";
import { LocalFileError } from "../errors.ts";
import type { SessionOf } from "../session.ts";
import { allPages } from "../all-pages.ts";

const TYPES: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg" };

/** The file's bytes and the Content-Type told by its extension (the service checks the bytes themselves). */
export async function readUpload(file: string): Promise<{ contentType: string; content: Uint8Array }> {
  try {
    const content = new Uint8Array(await readFile(file));
    return { contentType: TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream", content };
  } catch (error) {
    throw new LocalFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error, field: "<file>" });
  }
}

const formatWork = (w: WorkView) =>
  [`work ${w.id}`, `  owner        ${w.owner}${w.ownerName ? ` (${w.ownerName})` : ""}`, `  pHash        ${w.perceptualHash ?? "-"}`, `  metadata     ${w.metadataUri || "-"}`, `  registered   ${w.registeredAt}`, `  licences     ${w.licenceCount}`].join("\n");

export function registerWorkCommands(program: Command, sessionOf: SessionOf): void {
  const work = program.command("work").description("registered works: a file's SHA-256 on chain, with a perceptual hash for images");

  work
    .command("register")
    .description("register a file as a work of yours (rights holder)")
    .argument("<file>", "the file: PNG or JPEG images also get a perceptual hash")
    .option("--metadata-uri <uri>", "where the work's metadata lives", "")
    .action(async (file: string, options: { metadataUri: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const text = await readUpload(file);
      const query = options.metadataUri ? `?metadataUri=${encodeURIComponent(options.metadataUri)}` : "";
      const made = await client.json<{ work: WorkRegistration }>("POST", `/api/v1/works${query}`, { text });
      out.result(made, () => `${formatWork(made.work)}\n  transaction  ${made.work.transactionHash} (block ${made.work.blockNumber})`);
    });

  work
    .command("show")
    .description("a work as the chain records it")
    .argument("<id>", "the work id (the file's SHA-256, 0x and 64 hex digits)")
    .action(async (id: string, _options: unknown, command: Command) => {
      const { client, out } = sessionOf(command);
      const found = await client.json<{ work: WorkView }>("GET", `/api/v1/works/${encodeURIComponent(id)}`, { auth: false });
      out.result(found, () => formatWork(found.work));
    });

  work
    .command("list")
    .description("registered works, of one owner if given")
    .option("--owner <owner>", "an address or organisation id")
    .action(async (options: { owner?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const query = options.owner ? `?owner=${encodeURIComponent(options.owner)}` : "";
      const found = { works: await allPages<WorkView>(client, `/api/v1/works${query}`, "works") };
      out.result(found, () => (found.works.length === 0 ? "No works." : found.works.map((w) => `${w.id}  ${w.ownerName ?? w.owner}  ${w.perceptualHash ?? "-"}`).join("\n")));
    });

  program
    .command("content")
    .description("check uploads against registered works (platform)")
    .command("check")
    .description("is this file a registered work (exact or perceptual match), and is the uploader licensed here?")
    .argument("<file>", "the uploaded file")
    .requiredOption("--uploader <who>", "the uploader: an address or organisation id")
    .requiredOption("--territory <CC>", "ISO 3166-1 alpha-2 country where it would be published")
    .option("--time <iso>", "when (ISO 8601; default now)")
    .action(async (file: string, options: { uploader: string; territory: string; time?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const text = await readUpload(file);
      const params = new URLSearchParams({ uploader: options.uploader, territory: options.territory, ...(options.time ? { time: options.time } : {}) });
      const r = await client.json<ContentCheck>("POST", `/api/v1/content/check?${params}`, { text });
      out.result(r, () => {
        if (r.matches.length === 0) return `No registered work matches (SHA-256 ${r.sha256}${r.perceptualHash ? `, pHash ${r.perceptualHash}` : ""}).`;
        const lines = r.matches.map(
          (m) => `  ${m.workId}  ${m.ownerName ?? m.owner}  ${m.exact ? "exact copy" : `distance ${m.distance}/${r.threshold}${m.matchedAs === "as-uploaded" ? "" : `, ${m.matchedAs.replaceAll("-", " ")}`}`}  ${m.licensed.licensed ? "licensed" : `NOT licensed (${m.licensed.reason})`}`,
        );
        const verdict = r.licensed!.licensed ? `LICENSED on ${r.platform.name} in ${r.territory}` : `NOT LICENSED on ${r.platform.name} in ${r.territory}: ${r.licensed!.reason}`;
        return [`${verdict}`, "Matches:", ...lines].join("\n");
      });
    });
}
