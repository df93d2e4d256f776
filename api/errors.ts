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
  /**
   * The facts behind the error, where a program may act on them: their shape is fixed per `error` code and
   * written beside the feature's views (e.g. `ItemAlreadySoldDetails` in retailers.ts).
   */
  details?: object;
  /** The request's id, as in the service's logs and the `X-Request-Id` header. */
  requestId?: string;
};
