/**
 * The one error type the protocol code throws. `code` is machine-readable and stable
 * (the service returns it as `error`); `field` names the input that was wrong, where one was.
 */
export type VeritraceErrorParameters = {
  code: string;
  field?: string | undefined;
  cause?: unknown;
};

export class VeritraceError extends Error {
  override name = "VeritraceError";
  readonly code: string;
  readonly field: string | undefined;

  constructor(message: string, { code, field, cause }: VeritraceErrorParameters) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.field = field;
  }
}
