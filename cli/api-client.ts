/**
 * HTTP access to the service: JSON in and out, the API key as a bearer token, and every failure turned
 * into a `CliError` of its class (the service's 4xx, its 5xx, or no answer at all).
 */
import type { ErrorBody } from "../api/errors.ts";
import { ApiError, NetworkError, UsageError } from "./errors.ts";

export type RequestOptions = {
  body?: unknown;
  /** A body sent as is (a CSV manifest, an uploaded file's bytes) instead of `body` as JSON. */
  text?: { contentType: string; content: string | Uint8Array };
  headers?: Record<string, string>;
  /** Public routes (the proof) need no key. */
  auth?: boolean;
};

export type ApiClient = {
  readonly url: string;
  json<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** The raw response of a successful request, for streaming a download. */
  stream(path: string): Promise<Response>;
};

export type CreateApiClientParameters = { url: string; apiKey: string | undefined };

export function createApiClient({ url, apiKey }: CreateApiClientParameters): ApiClient {
  async function send(method: string, path: string, { body, text, headers = {}, auth = true }: RequestOptions): Promise<Response> {
    const target = `${url}${path}`;
    const sent: Record<string, string> = { accept: "application/json", ...headers };
    if (auth) {
      if (apiKey === undefined) {
        throw new UsageError("This command needs an API key: pass --api-key or set VERITRACE_API_KEY", { code: "NO_API_KEY", field: "--api-key" });
      }
      sent.authorization = `Bearer ${apiKey}`;
    }
    if (body !== undefined) sent["content-type"] = "application/json";
    if (text !== undefined) sent["content-type"] = text.contentType;
    let res: Response;
    try {
      res = await fetch(target, { method, headers: sent, body: (text?.content as BodyInit | undefined) ?? (body === undefined ? undefined : JSON.stringify(body)) });
    } catch (error) {
      throw unreachable(url, error);
    }
    if (!res.ok) throw await apiError(res, method, target);
    return res;
  }

  return {
    url,
    async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const res = await send(method, path, options);
      let text: string;
      try {
        text = await res.text();
      } catch (error) {
        throw unreachable(url, error);
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(`${method} ${path} answered ${res.status} with something other than JSON`, { status: 502, code: "BAD_RESPONSE" });
      }
    },
    stream: (path) => send("GET", path, { headers: { accept: "*/*" } }),
  };
}

/** fetch rejects with a bare "fetch failed"; the reason a person can act on is in its cause. */
export function unreachable(url: string, error: unknown): NetworkError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new NetworkError(`cannot reach the Veritrace service at ${url} (${reason}); check --url or VERITRACE_URL`, { url, cause: error });
}

async function apiError(res: Response, method: string, target: string): Promise<ApiError> {
  let text = "";
  try {
    text = await res.text();
  } catch {
    // The status alone still says what happened.
  }
  try {
    const body = JSON.parse(text) as Partial<Record<keyof ErrorBody, unknown>>;
    if (typeof body.error === "string" && typeof body.message === "string") {
      return new ApiError(body.message, { status: res.status, code: body.error, field: typeof body.field === "string" ? body.field : undefined, body });
    }
  } catch {
    // Not the service's error shape: a proxy or another server answered.
  }
  return new ApiError(`${method} ${target} answered ${res.status} ${res.statusText}`.trim(), { status: res.status, code: `HTTP_${res.status}` });
}
