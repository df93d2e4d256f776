/** The OpenAPI part of customs risk lanes (docs/risk-lanes.md). */
import { lanesQuery, RISK_LANES } from "../../../../api/risk.ts";
import { INDICATOR_IDS } from "../../../../core/risk/weights.ts";
import { auth, error, input, int, json, obj, ref, security, str } from "../../../http/openapi/parts.ts";

const num = { type: "number" };
const queryParameters = Object.entries((input(lanesQuery) as { properties: Record<string, { description?: string }> }).properties).map(([name, schema]) => ({
  name,
  in: "query",
  schema,
  ...(schema.description ? { description: schema.description } : {}),
}));

export const riskSchemas = {
  RiskIndicator: obj(
    {
      id: { enum: [...INDICATOR_IDS] },
      weight: { ...num, description: "The configured weight (RISK_WEIGHTS_FILE)" },
      strength: { ...num, description: "0 (nothing unusual) to 1" },
      contribution: { ...num, description: "weight × strength: this indicator's part of the score" },
      fired: { type: "boolean", description: "Strength at least 0.1 and a weight above 0" },
      detail: { ...str, description: "The evidence, in a sentence" },
    },
    ["id", "weight", "strength", "contribution", "fired", "detail"],
  ),
  RiskLane: obj(
    {
      shipmentId: str,
      waybill: str,
      origin: str,
      destination: str,
      shipper: str,
      consignee: str,
      itemCount: int,
      declaredAt: { type: "string", format: "date-time" },
      lane: { enum: [...RISK_LANES] },
      score: num,
      reason: { ...str, description: "Why this lane, in a sentence" },
      indicators: { type: "array", items: ref("RiskIndicator"), description: "Every indicator, the largest contribution first" },
    },
    ["shipmentId", "waybill", "origin", "destination", "shipper", "consignee", "itemCount", "declaredAt", "lane", "score", "reason", "indicators"],
  ),
};

export const riskPaths = {
  "/api/v1/customs/lanes": {
    get: {
      operationId: "listRiskLanes", tags: ["Customs"], security,
      summary: "Shipments bound for the office's country with no inspection outcome yet, each with its risk lane and why, riskiest first",
      parameters: queryParameters,
      responses: {
        "200": {
          description: "The lanes",
          content: json(
            obj(
              {
                office: obj({ country: str }, ["country"]),
                thresholds: obj({ amber: num, red: num, redMinIndicators: int }, ["amber", "red", "redMinIndicators"]),
                lanes: { type: "array", items: ref("RiskLane") },
                total: { ...int, description: "Shipments in the lanes asked for, before `limit`" },
              },
              ["office", "thresholds", "lanes", "total"],
            ),
          ),
        },
        ...auth,
      },
    },
  },
  "/api/v1/shipments/{id}/risk": {
    get: {
      operationId: "getShipmentRisk", tags: ["Customs"], security,
      summary: "One shipment's risk lane and the indicators behind it (any customs office)",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } }],
      responses: { "200": { description: "The lane", content: json(obj({ risk: ref("RiskLane") }, ["risk"])) }, "404": error("UNKNOWN_SHIPMENT"), ...auth },
    },
  },
};
