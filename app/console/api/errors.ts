/** What an API call can fail with: an answer from the service, or no answer at all. */

export type ApiErrorParameters = { status: number; code: string; field?: string | undefined };

/** The service answered with `{ error, message, field? }` (or, through a proxy, something else that is not 2xx). */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(message: string, { status, code, field }: ApiErrorParameters) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
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
