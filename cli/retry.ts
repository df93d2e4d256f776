/**
 * Retries of requests that are safe to repeat: reads, and the batch POST (its Idempotency-Key makes a
 * repeat return the first answer). Only failures that may pass are retried: no connection, or a gateway
 * that could not reach the service.
 */
import { ApiError, NetworkError } from "./errors.ts";

const TRANSIENT_STATUSES = new Set([502, 503, 504]);

export function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && TRANSIENT_STATUSES.has(error.status));
}

export type RetryParameters = { attempts?: number; delayMs?: number };

export async function withRetry<T>(run: () => Promise<T>, { attempts = 3, delayMs = 500 }: RetryParameters = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));
    }
  }
}
