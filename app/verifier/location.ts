/**
 * The coarse location sent with a scan, only when the user ticked the box. Rounded to one decimal (about
 * 11 km): enough to tell Paris from Sydney, too coarse to find a home.
 */
import { readStored, writeStored } from "./local-store.ts";

const KEY = "shareLocation";
const TIMEOUT_MS = 5_000;

export type CoarseLocation = { latitude: number; longitude: number };

export function locationOptedIn(): boolean {
  return readStored(KEY) === "yes";
}

export function setLocationOptIn(on: boolean): void {
  writeStored(KEY, on ? "yes" : undefined);
}

/** The rounded position, or undefined when not opted in, refused, unavailable or too slow. */
export function coarseLocation(): Promise<CoarseLocation | undefined> {
  if (!locationOptedIn() || !("geolocation" in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ latitude: round1(coords.latitude), longitude: round1(coords.longitude) }),
      () => resolve(undefined),
      // A position up to 10 minutes old is as good as a new one at this precision, and much faster.
      { enableHighAccuracy: false, maximumAge: 600_000, timeout: TIMEOUT_MS },
    );
  });
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
