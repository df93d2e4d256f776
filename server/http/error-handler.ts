/**
 * Every error becomes `{ error, message, field?, fields?, details?, requestId }` here and nowhere else. Client mistakes are 4xx with a
 * stable code; anything unexpected is logged with its stack and answered 500 without internals.
 */
import type { ErrorRequestHandler } from "express";
import type { ErrorBody } from "../../api/errors.ts";
import type { Logger } from "pino";
import { VeritraceError } from "../../core/errors.ts";
import { chainFaultOf } from "../chain/faults.ts";
import { AppError } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { pathOnly } from "./request-log.ts";

const AI_FIELDS: Record<string, string> = { "01": "gtin", "10": "lot", "21": "serial", "17": "expiry", s: "signature" };

/** body-parser's errors carry `type` and `status`; these are the client's mistakes. */
type BodyParserError = Error & { type?: string; status?: number };

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof VeritraceError) {
    // Protocol errors name GS1 application identifiers; the API's fields have names.
    const field = error.field === undefined ? undefined : (AI_FIELDS[error.field] ?? error.field);
    return new AppError(error.message, { status: 400, code: error.code, field, cause: error });
  }
  const bodyError = error as BodyParserError;
  if (bodyError?.type === "entity.too.large") {
    return new AppError(`The request body is larger than the limit (${bodyError.message.replace(/^.*limit/i, "limit")})`, {
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
    });
  }
  if (bodyError?.type === "entity.parse.failed") {
    return new AppError("The request body is not valid JSON", { status: 400, code: "INVALID_JSON" });
  }
  if (bodyError?.type === "encoding.unsupported" || bodyError?.type === "charset.unsupported") {
    return new AppError("The request body's encoding is not supported", { status: 415, code: "UNSUPPORTED_ENCODING" });
  }
  if (typeof bodyError?.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
    return new AppError(bodyError.message, { status: bodyError.status, code: "BAD_REQUEST" });
  }
  return chainFaultOf(error);
}

export function errorHandler(logger: Logger, metrics: Metrics): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error);
    const status = appError?.status ?? 500;
    const code = appError?.code ?? "INTERNAL";
    metrics.httpErrors.inc({ code, status: String(status) });
    // The request's own logger when it got that far: the line then carries the request id.
    if (!appError) (res.locals.log ?? logger).error({ err: error, method: req.method, path: pathOnly(req.originalUrl) }, "unhandled error");
    else if (status === 503) (res.locals.log ?? logger).warn({ code, method: req.method, path: pathOnly(req.originalUrl), cause: String((appError.cause as Error | undefined)?.message ?? "").split("\n")[0] }, "dependency unavailable");
    if (res.headersSent) {
      // A streamed download failed half-way: the status is gone, so cut the connection.
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(appError?.headers ?? {})) res.setHeader(name, value);
    const body: ErrorBody = {
      error: code,
      message: appError?.message ?? "Something went wrong on our side; it has been logged.",
      ...(appError?.field ? { field: appError.field } : {}),
      ...(appError?.fields ? { fields: appError.fields } : {}),
      ...(appError?.details ? { details: appError.details } : {}),
      ...(res.locals.requestId ? { requestId: res.locals.requestId } : {}),
    };
    res.status(status).json(body);
  };
}
