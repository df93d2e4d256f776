/**
 * The service's one error type. Use-cases throw it with an HTTP status and a stable machine code; the
 * error middleware (`http/error-handler.ts`) is the only place that turns errors into responses.
 */
import type { FieldError } from "../api/errors.ts";
import { VeritraceError } from "../core/errors.ts";

export type AppErrorParameters = {
  status: number;
  code: string;
  field?: string | undefined;
  cause?: unknown;
  headers?: Record<string, string>;
  /** Every wrong field, when a request has several. */
  fields?: FieldError[];
  /** The facts behind the error, for a program to act on without parsing the message (see `ErrorBody.details`). */
  details?: object;
};

export class AppError extends VeritraceError {
  override name = "AppError";
  readonly status: number;
  readonly headers: Record<string, string> | undefined;
  readonly fields: FieldError[] | undefined;
  readonly details: object | undefined;

  constructor(message: string, { status, code, field, cause, headers, fields, details }: AppErrorParameters) {
    super(message, { code, field, cause });
    this.status = status;
    this.headers = headers;
    this.fields = fields;
    this.details = details;
  }
}

export const badRequest = (message: string, code: string, field?: string) =>
  new AppError(message, { status: 400, code, field });
export const unauthorized = (message: string) => new AppError(message, { status: 401, code: "UNAUTHORIZED" });
export const forbidden = (message: string) => new AppError(message, { status: 403, code: "FORBIDDEN" });
export const notFound = (message: string, code = "NOT_FOUND") => new AppError(message, { status: 404, code });
export const conflict = (message: string, code: string, field?: string) =>
  new AppError(message, { status: 409, code, field });
