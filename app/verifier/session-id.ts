/**
 * The device's scan session, issued by the service (`POST /api/v1/sessions`) and kept on this device, so
 * that the scan log counts a shopper who scans the same label twice as one session. The service binds it
 * to the network it was issued to: on another network the page asks for a new one (see `postScan`).
 */
import { API_BASE } from "./build-config.ts";
import { readStored, writeStored } from "./local-store.ts";

const KEY = "scanSession";
/** The form the service issues (128 random bits, base64url). */
const SESSION_ID = /^[A-Za-z0-9_-]{22,64}$/;

/** The session kept on this device, if any; no request. */
export function sessionId(): string | undefined {
  const stored = readStored(KEY);
  return stored !== undefined && SESSION_ID.test(stored) ? stored : undefined;
}

/** The kept session, else a new one from the service. */
export async function scanSession(): Promise<string> {
  return sessionId() ?? newScanSession();
}

let asking: Promise<string> | undefined;

/** A new session from the service, kept for next time; two scans at once share one request. */
export function newScanSession(): Promise<string> {
  if (asking !== undefined) return asking;
  const request = askService();
  asking = request;
  const done = () => {
    if (asking === request) asking = undefined;
  };
  request.then(done, done);
  return request;
}

async function askService(): Promise<string> {
  const res = await fetch(`${API_BASE}/api/v1/sessions`, { method: "POST", headers: { accept: "application/json" } });
  if (res.status !== 201) throw new Error(`The service issued no scan session (HTTP ${res.status})`);
  const { sessionId: id } = (await res.json()) as { sessionId?: unknown };
  if (typeof id !== "string" || !SESSION_ID.test(id)) throw new Error("The service answered no valid scan session");
  writeStored(KEY, id);
  return id;
}
