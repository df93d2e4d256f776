/**
 * The public endpoints' rate limit, one budget per client across all of them (a scraper cannot spread its
 * load over routes). The client is the address Express computed, so `X-Forwarded-For` counts only from a
 * trusted proxy; the key is that IPv4 address or the IPv6 /56 (`client-network.ts` says why). Over the
 * limit: 429 with Retry-After, through the one error handler. With several instances the counters are kept
 * in PostgreSQL (`cluster/pg-rate-limit-store.ts`), so the budget is the same whichever instance answers.
 */
import type { RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { AppError } from "../errors.ts";
import { clientAddress, rateLimitKeyOf } from "./client-network.ts";

export type PublicRateLimitParameters = {
  windowMs: number;
  max: number;
  /** Where hits are counted: this process's memory by default; shared by every instance on PostgreSQL. */
  store?: Store | undefined;
};

export function publicRateLimit({ windowMs, max, store }: PublicRateLimitParameters): RequestHandler {
  return rateLimit({
    windowMs,
    limit: max,
    ...(store === undefined ? {} : { store }),
    // No RateLimit headers on every answer: they cost about 15% of the verify endpoint's throughput
    // (measured); a client over the limit still learns when to come back from Retry-After.
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => rateLimitKeyOf(clientAddress(req)),
    // An X-Forwarded-For from an untrusted client is ignored on purpose; no need to log each one. The key
    // generator does the IPv6 grouping itself.
    validate: { xForwardedForHeader: false, keyGeneratorIpFallback: false },
    handler: (req, _res, next) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      next(
        new AppError(`Too many requests from this address: at most ${max} per ${Math.round(windowMs / 1000)} s. Retry in ${seconds} s.`, {
          status: 429,
          code: "RATE_LIMITED",
          headers: { "Retry-After": String(seconds) },
        }),
      );
    },
  });
}
