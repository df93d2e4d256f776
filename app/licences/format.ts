/** How chain values read on the licence page: times, countries, accounts. */

/** A Unix time in the reader's own time zone, with the zone named (a licence boundary is a precise second). */
export function formatTime(seconds: number): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: the fields are spelt out.
  return new Date(seconds * 1000).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
}

let regionNames: Intl.DisplayNames | undefined;

/** "France (FR)"; the bare code where the browser has no name for it. */
export function formatCountry(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(["en"], { type: "region" });
    const name = regionNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A name the chain records beside the identifier it belongs to, or the identifier alone. */
export function named(name: string | undefined, id: string): string {
  return name === undefined ? id : `${name} (${id})`;
}
