// GF(256) with the QR Code polynomial x^8 + x^4 + x^3 + x^2 + 1 (ISO/IEC 18004 §7.5.2).
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let value = 1;
  for (let power = 0; power < 255; power++) {
    EXP[power] = value;
    LOG[value] = power;
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  // Doubling the table saves a modulo in every multiplication.
  for (let power = 255; power < 512; power++) EXP[power] = EXP[power - 255]!;
}

const generatorLogs = new Map<number, Uint8Array>();

/**
 * Logs of the coefficients of (x - α^0)(x - α^1)…(x - α^(degree-1)), leading 1 dropped. Every
 * coefficient of this product is non-zero, so its log is always defined.
 */
function generatorLogsOf(degree: number): Uint8Array {
  let cached = generatorLogs.get(degree);
  if (cached !== undefined) return cached;
  const coefficients = new Uint8Array(degree);
  coefficients[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      coefficients[j] = multiply(coefficients[j]!, root) ^ (coefficients[j + 1] ?? 0);
    }
    root = multiply(root, 2);
  }
  cached = coefficients.map((coefficient) => LOG[coefficient]!);
  generatorLogs.set(degree, cached);
  return cached;
}

function multiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

/** Writes the `degree` error correction codewords of `data[start, end)` to `out[at, at + degree)`. */
export function writeErrorCorrection(
  data: Uint8Array,
  start: number,
  end: number,
  degree: number,
  out: Uint8Array,
  at: number,
): void {
  const generator = generatorLogsOf(degree);
  const remainder = new Uint8Array(degree);
  for (let i = start; i < end; i++) {
    const factor = data[i]! ^ remainder[0]!;
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    if (factor === 0) continue;
    const factorLog = LOG[factor]!;
    for (let j = 0; j < degree; j++) remainder[j]! ^= EXP[generator[j]! + factorLog]!;
  }
  out.set(remainder, at);
}
