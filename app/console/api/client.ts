/**
 * The console's only way to the service: one method per API call, each sending the organisation's key.
 * Downloads are fetched here too, because a plain link cannot carry the Authorization header.
 */
import { fileNameFromDisposition } from "./content-disposition.ts";
import { ApiError, NetworkError, type FieldProblem } from "./errors.ts";
import type { IntelligenceView, IntelligenceViewName } from "../../../api/intelligence.ts";
import type { AlertListView, AlertView, RaiseAlertBody } from "../../../api/alerts.ts";
import type { BatchDetailView, BatchView, BrandView, CreateBatchBody, DiscardedBatchView, LabelFormat, StatusChange, StatusValue } from "./types.ts";

export type CreatedBatch = { batch: BatchView; replayed: boolean };
export type LabelDownload = { blob: Blob; fileName: string };

export type ApiClient = {
  brand(): Promise<BrandView>;
  listBatches(): Promise<BatchView[]>;
  /** One batch with its statuses as the service read them from the chain. */
  batch(id: string): Promise<BatchDetailView>;
  createBatch(body: CreateBatchBody, idempotencyKey: string): Promise<CreatedBatch>;
  labels(id: string, format: LabelFormat): Promise<LabelDownload>;
  setBatchStatus(id: string, status: StatusValue): Promise<StatusChange>;
  setItemStatus(id: string, serial: string, status: StatusValue): Promise<StatusChange>;
  /** A failed batch accepted again: the same serials, signed with the brand's current signer. */
  retryBatch(id: string): Promise<BatchView>;
  /** A failed batch deleted (nothing of it on chain): its lot may be registered again. */
  discardBatch(id: string): Promise<DiscardedBatchView>;
  /** The brand intelligence page's views, for a filter (gtin, lot, from, to; empty ones left out). */
  intelligence(filter: Record<string, string>): Promise<IntelligenceView>;
  /** One view of it as CSV. */
  intelligenceCsv(filter: Record<string, string>, view: IntelligenceViewName): Promise<LabelDownload>;
  /** The brand's alerts to customs, newest first (the first page of `limit`). */
  listAlerts(limit?: number): Promise<AlertListView>;
  raiseAlert(body: RaiseAlertBody): Promise<AlertView>;
  /** Withdrawn, kept as history. */
  withdrawAlert(id: string): Promise<AlertView>;
};

export type CreateApiClientParameters = {
  apiKey: string;
  /** Where the API lives; the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
};

type RequestOptions = { body?: unknown; headers?: Record<string, string> };

export function createApiClient({ apiKey, baseUrl = "", fetch: fetchImpl = fetch }: CreateApiClientParameters): ApiClient {
  async function request(method: string, route: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: "application/json", ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${route}`, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        cache: "no-store",
      });
    } catch (cause) {
      throw new NetworkError(`The service could not be reached (${(cause as Error).message || "no answer"}).`, { cause });
    }
    if (!response.ok) throw await apiErrorOf(response);
    return response;
  }

  const json = async <T>(method: string, route: string, options?: RequestOptions): Promise<T> =>
    (await (await request(method, route, options)).json()) as T;

  const batchRoute = (id: string) => `/api/v1/batches/${encodeURIComponent(id)}`;

  return {
    brand: () => json<BrandView>("GET", "/api/v1/brand"),
    listBatches: async () => (await json<{ batches: BatchView[] }>("GET", "/api/v1/batches")).batches,
    batch: (id) => json<BatchDetailView>("GET", batchRoute(id)),
    async createBatch(body, idempotencyKey) {
      const response = await request("POST", "/api/v1/batches", { body, headers: { "idempotency-key": idempotencyKey } });
      return { batch: (await response.json()) as BatchView, replayed: response.headers.get("idempotent-replayed") === "true" };
    },
    async labels(id, format) {
      const response = await request("GET", `${batchRoute(id)}/labels?format=${format}`, { headers: { accept: "*/*" } });
      const blob = await response.blob();
      return { blob, fileName: fileNameFromDisposition(response.headers.get("content-disposition"), `labels.${format === "svg" || format === "png" ? "zip" : format}`) };
    },
    setBatchStatus: (id, status) => json<StatusChange>("POST", `${batchRoute(id)}/status`, { body: { status } }),
    setItemStatus: (id, serial, status) =>
      json<StatusChange>("POST", `${batchRoute(id)}/items/${encodeURIComponent(serial)}/status`, { body: { status } }),
    retryBatch: (id) => json<BatchView>("POST", `${batchRoute(id)}/retry`),
    discardBatch: (id) => json<DiscardedBatchView>("DELETE", batchRoute(id)),
    listAlerts: (limit = 100) => json<AlertListView>("GET", `/api/v1/brand/alerts?limit=${limit}`),
    raiseAlert: async (body) => (await json<{ alert: AlertView }>("POST", "/api/v1/brand/alerts", { body })).alert,
    withdrawAlert: async (id) => (await json<{ alert: AlertView }>("DELETE", `/api/v1/brand/alerts/${encodeURIComponent(id)}`)).alert,
    intelligence: (filter) => json<IntelligenceView>("GET", `/api/v1/brand/intelligence?${new URLSearchParams(filter)}`),
    async intelligenceCsv(filter, view) {
      const query = new URLSearchParams({ ...filter, format: "csv", view });
      const response = await request("GET", `/api/v1/brand/intelligence?${query}`, { headers: { accept: "text/csv" } });
      return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get("content-disposition"), `intelligence-${view}.csv`) };
    },
  };
}

/** The service's `{ error, message, field? }`; anything else (a proxy's HTML page) still becomes an ApiError. */
async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; field?: unknown; fields?: unknown };
    if (typeof body.error === "string" && typeof body.message === "string") {
      return new ApiError(body.message, {
        status: response.status,
        code: body.error,
        field: typeof body.field === "string" ? body.field : undefined,
        fields: fieldProblemsOf(body.fields),
      });
    }
  } catch {
    // Not JSON: described below from the status line.
  }
  return new ApiError(`The service answered ${response.status} ${response.statusText}`.trim(), { status: response.status, code: `HTTP_${response.status}` });
}

/** The `fields` of a 400, kept only if each entry has the shape the service documents. */
function fieldProblemsOf(value: unknown): FieldProblem[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const problems = value.filter(
    (p): p is FieldProblem =>
      typeof p === "object" && p !== null && typeof p.field === "string" && typeof p.code === "string" && typeof p.message === "string",
  );
  return problems.length === value.length ? problems : undefined;
}
