/**
 * What the verifier is built with. A static build (`scripts/build-verifier.ts`) bakes in the consortium's
 * trust roots and the service to ask for proofs and scan logs; the page the service itself serves is built
 * without them and reads its roots from the file beside it (`trust-roots.json`, from the service's own
 * configuration). Either way the roots come with the page, never from the API it talks to.
 */
import type { TrustRoot } from "../../core/trust-roots.ts";

declare const __VERITRACE_TRUST_ROOTS__: TrustRoot[] | null | undefined;
declare const __VERITRACE_API_BASE__: string | undefined;

/** The roots baked in at build time, or null when the page reads them from `trust-roots.json`. */
export const BAKED_TRUST_ROOTS: TrustRoot[] | null = typeof __VERITRACE_TRUST_ROOTS__ === "undefined" ? null : (__VERITRACE_TRUST_ROOTS__ ?? null);

/** Where the API lives: "" for the page's own origin (served by the service), else the service's origin. */
export const API_BASE: string = typeof __VERITRACE_API_BASE__ === "undefined" ? "" : __VERITRACE_API_BASE__;
