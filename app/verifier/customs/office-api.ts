/**
 * What the customs page asks the service with the office's key: who the office is, a shipment's
 * declaration, the manifest check, the report downloads (fetched, since a plain link cannot carry the
 * key) and recording the outcome. Every failure becomes an `OfficeApiError` whose message an officer can
 * act on; the service's own messages are written for people and are passed on.
 */
import type { Hex } from "viem";
import type { InspectionTally } from "../../../core/inspection.ts";
import { fileNameFromDisposition } from "../../console/api/content-disposition.ts";
import { t } from "./words.ts";

export type Office = { name: string; country: string; address: Hex };
export type ShipmentSummary = {
  id: Hex;
  waybill: string;
  shipperName: string | null;
  origin: string;
  destination: string;
  itemCount: number;
  seized: boolean;
};
export type ServerReport = { id: string; summary: InspectionTally & { malformed: number }; rows: unknown[] };
export type Outcome = "cleared" | "held" | "seized";
export type Recording = { outcome: Outcome; transactionHash: Hex; blockNumber: number };
export type ReportFormat = "csv" | "json" | "pdf";

export class OfficeApiError extends Error {
  override name = "OfficeApiError";
  readonly status: number;
  readonly code: string;
  constructor(message: string, status: number, code: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export type OfficeApi = ReturnType<typeof createOfficeApi>;

export function createOfficeApi(apiKey: string) {
  async function request(method: string, route: string, body?: unknown, accept = "application/json"): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(route, { method, headers, body: body === undefined ? null : JSON.stringify(body), cache: "no-store" });
    } catch {
      throw new OfficeApiError(t("api.unreachable"), 0, "NETWORK");
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }
  const json = async <T>(method: string, route: string, body?: unknown) => (await (await request(method, route, body)).json()) as T;

  return {
    office: async () => (await json<{ office: Office }>("GET", "/api/v1/customs-office")).office,
    shipment: async (id: Hex) => (await json<{ shipment: ShipmentSummary }>("GET", `/api/v1/shipments/${id}`)).shipment,
    inspect: async (id: Hex, codes: string[]) => (await json<{ inspection: ServerReport }>("POST", `/api/v1/shipments/${id}/inspections`, { codes })).inspection,
    record: async (inspectionId: string, outcome: Outcome) =>
      (await json<{ recording: Recording }>("POST", `/api/v1/inspections/${inspectionId}/record`, { outcome })).recording,
    async report(inspectionId: string, format: ReportFormat): Promise<{ blob: Blob; fileName: string }> {
      const response = await request("GET", `/api/v1/inspections/${inspectionId}?format=${format}`, undefined, "*/*");
      return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get("content-disposition"), `inspection-${inspectionId}.${format}`) };
    },
  };
}

/** The service's `{ error, message }` in words for the officer; anything else (a proxy's page) from its status. */
async function errorOf(response: Response): Promise<OfficeApiError> {
  const { status } = response;
  let code = `HTTP_${status}`;
  let message = t("api.status", { status, text: response.statusText }).trim();
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === "string") code = body.error;
    if (typeof body.message === "string") message = body.message;
  } catch {
    // Not JSON: the status line says what there is to say.
  }
  // The codes an officer meets at the desk are said in their language; any other message is the service's own (English).
  if (status === 401) message = t("api.badKey");
  else if (code === "FORBIDDEN") message = t("api.notAnOffice");
  else if (code === "UNKNOWN_SHIPMENT") message = t("api.unknownShipment");
  return new OfficeApiError(message, status, code);
}
