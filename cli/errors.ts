/**
 * The CLI's errors. Each carries the exit code of its class and the machine code printed with it, so
 * `main` maps any failure to output in one place.
 */
import { ExitCode } from "./exit-codes.ts";

export type CliErrorParameters = {
  code: string;
  exitCode: ExitCode;
  field?: string | undefined;
  cause?: unknown;
};

export class CliError extends Error {
  override name = "CliError";
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly field: string | undefined;

  constructor(message: string, { code, exitCode, field, cause }: CliErrorParameters) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.exitCode = exitCode;
    this.field = field;
  }
}

/** The command line is wrong in a way commander cannot see (option combinations, argument contents). */
export class UsageError extends CliError {
  override name = "UsageError";

  constructor(message: string, options: { code?: string; field?: string | undefined; cause?: unknown } = {}) {
    super(message, { code: options.code ?? "USAGE", exitCode: ExitCode.Usage, field: options.field, cause: options.cause });
  }
}

export type ApiErrorParameters = { status: number; code: string; field?: string | undefined; body?: unknown };

/** The service answered with an error: `{ error, message, field? }` as it sent it (kept in `body`). */
export class ApiError extends CliError {
  override name = "ApiError";
  readonly status: number;
  readonly body: unknown;

  constructor(message: string, { status, code, field, body }: ApiErrorParameters) {
    super(message, { code, field, exitCode: status >= 500 ? ExitCode.Server : ExitCode.Client });
    this.status = status;
    this.body = body;
  }
}

/** The service could not be reached, or the connection broke before a whole answer arrived. */
export class NetworkError extends CliError {
  override name = "NetworkError";
  readonly url: string;

  constructor(message: string, { url, cause }: { url: string; cause?: unknown }) {
    super(message, { code: "UNREACHABLE", exitCode: ExitCode.Server, cause });
    this.url = url;
  }
}

/** A local file could not be read or written. */
export class LocalFileError extends CliError {
  override name = "LocalFileError";

  constructor(message: string, { cause, field }: { cause?: unknown; field?: string } = {}) {
    super(message, { code: "LOCAL_FILE", exitCode: ExitCode.Failure, field, cause });
  }
}

/** The service took the batch but could not anchor it; its record says why. */
export class BatchFailedError extends CliError {
  override name = "BatchFailedError";

  constructor(batchId: string, reason: string | undefined) {
    super(`batch ${batchId} failed: ${reason ?? "no reason recorded"}`, { code: "BATCH_FAILED", exitCode: ExitCode.Failure });
  }
}
