const DIGITS = Array.from({ length: 1000 }, (_, n) => Buffer.from(String(n), "latin1"));

/**
 * Appends ASCII to a growing buffer. SVG labels are written byte by byte through this rather than
 * by string concatenation: ~700 path pieces per label, and building a string then encoding it took
 * longer than drawing the QR code it describes.
 */
export class ByteWriter {
  #buffer: Buffer;
  #at = 0;

  constructor(capacity: number) {
    this.#buffer = Buffer.allocUnsafe(capacity);
  }

  /** Any string, UTF-8 encoded. */
  text(value: string): this {
    this.#reserve(value.length * 3);
    this.#at += this.#buffer.write(value, this.#at, "utf8");
    return this;
  }

  /** One ASCII character. */
  char(code: number): this {
    this.#reserve(1);
    this.#buffer[this.#at++] = code;
    return this;
  }

  /** A whole number from 0 to 999. */
  small(value: number): this {
    const digits = DIGITS[value]!;
    this.#reserve(3);
    for (let i = 0; i < digits.length; i++) this.#buffer[this.#at++] = digits[i]!;
    return this;
  }

  /** Starts over, keeping the buffer. */
  reset(): this {
    this.#at = 0;
    return this;
  }

  /** The bytes written so far (a view, valid until the next write or reset). */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#at);
  }

  #reserve(bytes: number): void {
    if (this.#at + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#at + bytes));
    this.#buffer.copy(grown, 0, 0, this.#at);
    this.#buffer = grown;
  }
}
