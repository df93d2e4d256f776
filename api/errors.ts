/** The one error body every API error answers with (written by the service's error middleware). */

/** One wrong field of a request, in a code and in words. */
export type FieldError = { field: string; code: string; message: string };

export type ErrorBody = {
  /** A stable machine code, e.g. `DATABASE_UNAVAILABLE`. */
  error: string;
  /** What went wrong, for a person. */
  message: string;
  /** The request field at fault, when one is. */
  field?: string;
  /** Every wrong field, when a request has several. */
  fields?: FieldError[];
  /** The request's id, as in the service's logs and the `X-Request-Id` header. */
  requestId?: string;
};
