/** Downloads a confirmed batch's labels into a file, in the format the file's name or `--format` asks for. */
import type { ApiClient } from "./api-client.ts";
import type { LabelFormat } from "../api/batches.ts";
import { saveDownload } from "./download.ts";

export type DownloadLabelsParameters = { client: ApiClient; batchId: string; file: string; format: LabelFormat };

export type LabelsSaved = { batchId: string; file: string; format: LabelFormat; bytes: number };

export async function downloadLabels({ client, batchId, file, format }: DownloadLabelsParameters): Promise<LabelsSaved> {
  const route = `/api/v1/batches/${encodeURIComponent(batchId)}/labels?format=${format}`;
  const response = await client.stream(route);
  const bytes = await saveDownload({ response, file, url: `${client.url}${route}` });
  return { batchId, file, format, bytes };
}

export function formatLabelsSaved({ file, format, bytes }: LabelsSaved): string {
  return `Labels written to ${file} (${format}, ${bytes.toLocaleString("en")} bytes).`;
}
