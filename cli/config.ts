/**
 * The one place that reads the environment. Command-line options win over it; the result is validated
 * before any request, so a mistyped URL fails as a usage error rather than as an unreachable service.
 */
import path from "node:path";
import { z } from "zod";
import { UsageError } from "./errors.ts";

export const DEFAULT_URL = "http://127.0.0.1:8080";

/** The project's data folder, where `npm start` writes its deployment records: resolved from this file, not the working directory. */
export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, "..", "data");

export type CliConfig = {
  /** The service's base URL, without a trailing slash (it may carry a path prefix behind a proxy). */
  url: string;
  apiKey: string | undefined;
  /** Where `verify` takes its trust roots from; read (and validated) only by the commands that need them. */
  trustRoots: TrustRootsSource;
};

/**
 * A trust-roots document named by `--roots` or VERITRACE_TRUST_ROOTS (absolute path), else the deployment
 * records in the data folder (VERITRACE_DATA_DIR, else the project's `data/`).
 */
export type TrustRootsSource =
  | { kind: "file"; path: string; option: "--roots" | "VERITRACE_TRUST_ROOTS" }
  | { kind: "deployments"; dataDir: string; option: "VERITRACE_DATA_DIR" | "default" };

export type ConfigOptions = { url?: string | undefined; apiKey?: string | undefined; roots?: string | undefined };

const schema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://127.0.0.1:8080" }),
  apiKey: z.string().trim().min(1, "must not be empty").optional(),
});

export function loadConfig(options: ConfigOptions, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = schema.safeParse({
    url: options.url ?? (env.VERITRACE_URL || undefined) ?? DEFAULT_URL,
    apiKey: options.apiKey ?? (env.VERITRACE_API_KEY || undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === "url" ? "--url" : "--api-key";
    const source = field === "--url" ? "--url / VERITRACE_URL" : "--api-key / VERITRACE_API_KEY";
    throw new UsageError(`${source} ${issue.message}`, { code: "INVALID_CONFIG", field });
  }
  return { url: parsed.data.url.replace(/\/+$/, ""), apiKey: parsed.data.apiKey, trustRoots: trustRootsSource(options.roots, env) };
}

function trustRootsSource(roots: string | undefined, env: NodeJS.ProcessEnv): TrustRootsSource {
  if (roots !== undefined) return { kind: "file", path: nonEmptyPath(roots, "--roots"), option: "--roots" };
  if (env.VERITRACE_TRUST_ROOTS) return { kind: "file", path: path.resolve(env.VERITRACE_TRUST_ROOTS), option: "VERITRACE_TRUST_ROOTS" };
  if (env.VERITRACE_DATA_DIR) return { kind: "deployments", dataDir: path.resolve(env.VERITRACE_DATA_DIR), option: "VERITRACE_DATA_DIR" };
  return { kind: "deployments", dataDir: DEFAULT_DATA_DIR, option: "default" };
}

function nonEmptyPath(value: string, field: string): string {
  if (value.trim() === "") throw new UsageError(`${field} must name a trust-roots file`, { code: "INVALID_CONFIG", field });
  return path.resolve(value);
}
