/** The shipments opened in this tab, offered again in the shipment field: an officer checks a few a day. */
const KEY = "veritrace.customs.recentShipments";
const KEEP = 10;

export function recentShipments(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string" && /^0x[0-9a-fA-F]{64}$/.test(id)) : [];
  } catch {
    return [];
  }
}

export function rememberShipment(id: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify([id, ...recentShipments().filter((other) => other !== id)].slice(0, KEEP)));
  } catch {
    // Not kept: the officer types the id again next time.
  }
}
