// Windows refuses these as file names whatever the extension ("CON.svg" included).
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i;
const SAFE = /[A-Za-z0-9_-]/;

/**
 * Names the files of a label zip after their serials, safely and uniquely. A serial (GS1 set 82) may
 * hold `/`, `%`, `:`, `*`, `?`, `"`, `<`, `>` and dots, which mean something to file systems and
 * zip tools, so every character outside A–Z a–z 0–9 _ - is written as %XX (upper-case hex, as in
 * the label URI): "A/B.1" becomes "A%2FB%2E1.svg". That mapping is one-to-one, but serials that
 * differ only in case ("ab", "AB") would overwrite each other when extracted on Windows or macOS;
 * a later one gets "~2", "~3"… (`~` never occurs otherwise). Remembers one name per file written.
 */
export class LabelFileNames {
  readonly #extension: string;
  readonly #used = new Set<string>();

  constructor(extension: string) {
    this.#extension = extension;
  }

  next(serial: string): string {
    let base = "";
    for (const character of serial) {
      base += SAFE.test(character) ? character : percentEncode(character);
    }
    // Encoding the first letter keeps the name one-to-one: "%43ON" cannot come from any other serial.
    if (WINDOWS_DEVICE.test(base)) base = percentEncode(base[0]!) + base.slice(1);
    let name = base;
    for (let copy = 2; this.#used.has(name.toLowerCase()); copy++) name = `${base}~${copy}`;
    this.#used.add(name.toLowerCase());
    return `${name}.${this.#extension}`;
  }
}

function percentEncode(character: string): string {
  let encoded = "";
  for (const byte of Buffer.from(character, "utf8")) encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return encoded;
}
