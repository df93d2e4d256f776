/**
 * The one place that reads the environment. Command-line options win over it; the result is validated
 * before any request, so a mistyped URL fails as a usage error rather than as an unreachable service.
 */
import { z } from "zod";
import { UsageError } from "./errors.ts";

export const DEFAULT_URL = "http://127.0.0.1:8080";

export type CliConfig = {
  /** The service's base URL, without a trailing slash (it may carry a path prefix behind a proxy). */
  url: string;
  apiKey: string | undefined;
};

export type ConfigOptions = { url?: string | undefined; apiKey?: string | undefined };

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
  return { url: parsed.data.url.replace(/\/+$/, ""), apiKey: parsed.data.apiKey };
}
