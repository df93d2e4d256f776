/** The OpenAPI part of the register of known infringements (docs/register.md). */
import { registerQuery } from "../../../api/register.ts";
import { auth, error, input, int, json, obj, ref, security, str } from "../../http/openapi/parts.ts";

const dateTime = { type: "string", format: "date-time" };
const date = { type: "string", format: "date" };
const schema = input(registerQuery) as { properties: Record<string, { description?: string }> };

export const registerSchemas = {
  RegisterAnswer: obj(
    {
      query: obj({ brandId: { type: ["string", "null"] }, gtin: { type: ["string", "null"], description: "As 14 digits" }, lot: { type: ["string", "null"] } }, ["brandId", "gtin", "lot"]),
      known: { type: "boolean", description: "Anything was found" },
      seized: obj(
        {
          seizures: int,
          items: int,
          byRoute: { type: "array", items: obj({ origin: str, destination: str, seizures: int, items: int, firstAt: dateTime, lastAt: dateTime }, ["origin", "destination", "seizures", "items", "firstAt", "lastAt"]) },
        },
        ["seizures", "items", "byRoute"],
      ),
      counterfeit: obj(
        {
          scans: int,
          byCountry: {
            type: "array",
            description: "Per country (null: no location given); days only, never a scan's own time or place",
            items: obj({ country: { type: ["string", "null"] }, scans: int, sessions: int, firstDay: date, lastDay: date }, ["country", "scans", "sessions", "firstDay", "lastDay"]),
          },
        },
        ["scans", "byCountry"],
      ),
      alerts: obj(
        {
          active: { ...int, description: "Brand alerts to customs active now" },
          byCountry: {
            type: "array",
            description: "Per destination country, GTIN and lot (null: every lot); reasons only for customs offices and the brand itself",
            items: obj(
              { country: str, gtin: str, lot: { type: ["string", "null"] }, alerts: int, firstRaisedAt: dateTime, lastExpiresAt: dateTime, reasons: { type: "array", items: str } },
              ["country", "gtin", "lot", "alerts", "firstRaisedAt", "lastExpiresAt"],
            ),
          },
        },
        ["active", "byCountry"],
      ),
      asOf: dateTime,
    },
    ["query", "known", "seized", "counterfeit", "alerts", "asOf"],
  ),
};

export const registerPaths = {
  "/api/v1/register": {
    get: {
      operationId: "searchRegister", tags: ["Register"], security,
      summary: "Whether a brand, GTIN or lot was seized by customs or scanned counterfeit, where and when, aggregated (customs, platforms, the registrar; a brand of its own)",
      parameters: Object.entries(schema.properties).map(([name, s]) => ({ name, in: "query", schema: s, ...(s.description ? { description: s.description } : {}) })),
      responses: {
        "200": { description: "What the register knows", content: json(ref("RegisterAnswer")) },
        ...auth,
        "403": error("FORBIDDEN: not a customs office, platform, registrar or brand; NOT_YOUR_BRAND: a brand asking of another brand"),
      },
    },
  },
};
