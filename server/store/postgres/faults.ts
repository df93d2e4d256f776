/**
 * A PostgreSQL server that is down, restarting or refusing connections is the dependency's fault, not the
 * client's and not a bug: the store raises 503 `DATABASE_UNAVAILABLE` with `Retry-After` (as the chain's
 * faults are CHAIN_UNREACHABLE, see chain/faults.ts), and the pool reconnects once the server is back.
 * A statement the server refuses (a constraint, a syntax error) is no such fault and keeps its meaning.
 */
import { AppError } from "../../errors.ts";

export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
/** Seconds a client is asked to wait: a restarted server usually accepts connections within a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures Node reports when the server is gone or silent. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ENOENT"]);

/**
 * SQLSTATE classes and codes that mean "the server cannot serve you now": 08 connection exceptions, 57P01-03
 * (administrator or crash shutdown, starting up), 53300 (too many connections), 57P05 (idle session
 * timeout). Anything else is the statement's own error.
 */
const isUnavailableState = (state: string) => state.startsWith("08") || ["57P01", "57P02", "57P03", "57P05", "53300"].includes(state);

/** What `pg` throws, without a SQLSTATE, when the connection is cut or cannot be made in time. */
const CONNECTION_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i, /Connection ended/i, /not queryable/i];

/** Whether `error`, or anything in its cause chain, says the database could not be reached. */
export function isDatabaseFault(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 12; e = e.cause, depth++) {
    if (e instanceof AppError) return e.code === DATABASE_UNAVAILABLE;
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code)))) return true;
    if (CONNECTION_MESSAGES.some((pattern) => pattern.test(e.message))) return true;
  }
  return false;
}

export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError("The database cannot be reached right now; try again shortly", {
    status: 503,
    code: DATABASE_UNAVAILABLE,
    cause,
    headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
  });
}

/** The error to raise for `error`: DATABASE_UNAVAILABLE for a fault of the server, else `error` itself. */
export const asDatabaseError = (error: unknown): unknown => (isDatabaseFault(error) && !(error instanceof AppError) ? databaseUnavailable(error) : error);
