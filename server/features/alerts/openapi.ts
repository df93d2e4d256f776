/** The OpenAPI part of brand alerts to customs (docs/alerts.md). */
import { ALERT_STATES, alertsQuery, raiseAlertBody } from "../../../api/alerts.ts";
import { auth, authWithBody, error, hex32, input, json, obj, ref, security, str } from "../../http/openapi/parts.ts";

const dateTime = { type: "string", format: "date-time" };
const nullableText = (description: string) => ({ type: ["string", "null"], description });
const alertId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const queryParameters = Object.entries((input(alertsQuery) as { properties: Record<string, { description?: string }> }).properties).map(([name, schema]) => ({
  name,
  in: "query",
  schema,
  ...(schema.description ? { description: schema.description } : {}),
}));
const oneAlert = (description: string) => ({ description, content: json(obj({ alert: ref("Alert") }, ["alert"])) });
const unknown = error("UNKNOWN_ALERT: your brand has no such alert (another brand's alert is answered so too)");

export const alertSchemas = {
  RaiseAlert: input(raiseAlertBody),
  Alert: obj(
    {
      id: { type: "string", format: "uuid" },
      brandId: hex32,
      gtin: { ...str, description: "As 14 digits" },
      lot: nullableText("One lot; null: every lot of the GTIN"),
      country: { ...str, description: "The destination the alert is for" },
      origin: nullableText("Only shipments from this country; null: from anywhere"),
      reason: str,
      raisedAt: dateTime,
      expiresAt: dateTime,
      withdrawnAt: { type: ["string", "null"], format: "date-time" },
      state: { enum: [...ALERT_STATES], description: "withdrawn; else expired once expiresAt has passed; else active" },
    },
    ["id", "brandId", "gtin", "lot", "country", "origin", "reason", "raisedAt", "expiresAt", "withdrawnAt", "state"],
  ),
};

export const alertPaths = {
  "/api/v1/brand/alerts": {
    post: {
      operationId: "raiseAlert", tags: ["Brands"], security,
      summary: "Raise an alert to customs: fakes of one of your GTINs (or a lot) expected in a destination; customs risk lanes quote its reason",
      requestBody: { required: true, content: json(ref("RaiseAlert")) },
      responses: {
        "201": oneAlert("Raised, active until expiresAt"),
        ...authWithBody,
        "400": error("A field is wrong, named in `field` and `fields` (GS1_BAD_CHECK_DIGIT, UNKNOWN_COUNTRY with the code to use, …)"),
        "403": error("Not a brand's key, or GTIN_NOT_OWNED: the GTIN is outside the brand's GS1 company prefixes"),
      },
    },
    get: {
      operationId: "listAlerts", tags: ["Brands"], security,
      summary: "Your brand's alerts, newest first, in pages",
      parameters: queryParameters,
      responses: {
        "200": { description: "A page of alerts", content: json(obj({ alerts: { type: "array", items: ref("Alert") }, nextCursor: { type: ["string", "null"], description: "Pass as cursor for the next page; null on the last" } }, ["alerts", "nextCursor"])) },
        ...auth,
      },
    },
  },
  "/api/v1/brand/alerts/{id}": {
    get: { operationId: "getAlert", tags: ["Brands"], security, summary: "One of your brand's alerts", parameters: [alertId], responses: { "200": oneAlert("The alert"), "404": unknown, ...auth } },
    delete: {
      operationId: "withdrawAlert", tags: ["Brands"], security,
      summary: "Withdraw an alert: kept as history (state withdrawn), no longer read by risk lanes; withdrawing again changes nothing",
      parameters: [alertId],
      responses: { "200": oneAlert("Withdrawn"), "404": unknown, ...auth },
    },
  },
};
