/**
 * The device's scan session: one random id kept on this device, so that the scan log counts a shopper who
 * scans the same label twice as one session, not as two places or two people.
 */
import { readStored, writeStored } from "./local-store.ts";

const KEY = "sessionId";
/** The form the scan log accepts. */
const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function sessionId(): string {
  const stored = readStored(KEY);
  if (stored !== undefined && SESSION_ID.test(stored)) return stored;
  // 128 random bits in base64url: unguessable, so nobody can add scans to someone else's session.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  writeStored(KEY, id);
  return id;
}
