/** What an API call can fail with: an answer from the service, or no answer at all. */

/** One wrong field of a request, as the service's 400 lists it in `fields`. */
export type FieldProblem = { field: string; code: string; message: string };

export type ApiErrorParameters = { status: number; code: string; field?: string | undefined; fields?: FieldProblem[] | undefined };

/** The service answered with `{ error, message, field?, fields? }` (or, through a proxy, something else that is not 2xx). */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Every wrong field, each in words, when the service listed them. */
  readonly fields: FieldProblem[] | undefined;

  constructor(message: string, { status, code, field, fields }: ApiErrorParameters) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.fields = fields;
  }
}

/**
 * The request got no answer (offline, service down, connection cut). Whether the service acted on it is
 * unknown, which is why a batch is re-submitted with the same Idempotency-Key after this error.
 */
export class NetworkError extends Error {
  override name = "NetworkError";
  readonly code = "NETWORK_ERROR";

  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}
