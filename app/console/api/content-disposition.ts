/** The file name a `Content-Disposition: attachment; filename="…"` header offers, or `fallback`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return safeName(decodeURIComponent(extended[1]!.trim()), fallback);
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name ? safeName(name, fallback) : fallback;
}

/** A name is only ever a name: any folder part the header carried is dropped. */
function safeName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop()?.trim();
  return base && base !== "." && base !== ".." ? base : fallback;
}
