/**
 * The verifier's service worker: it keeps the app shell (the page, its script and stylesheet, the decoder's
 * WebAssembly, the manifest and icon, and the trust roots where the service serves them) so that an
 * installed verifier opens with no network at all, where the page still checks a label's signature against
 * the signers it remembers ("signature valid, not yet checked on chain").
 *
 * It keeps nothing else. The API (proofs, scan log, custody) and the chain's RPC always go to the network
 * untouched, so that no answer about a product is ever replayed from a cache: a recall must be seen by the
 * next check. The list of files and their hashes is written in by the build (`scripts/verifier-pwa.ts`),
 * which also names the cache: a new build is a new worker (its bytes differ), which fills a cache of its
 * own and then deletes the old one.
 */

/** What the build writes into the worker; every URL is relative to the worker's own. */
export type Precache = {
  /** Derived from the hashes of every file below: one cache per build. */
  version: string;
  /** The page: `index.html` in a static build, `/verify` where the service serves it. */
  page: string;
  /** Other addresses that open the same page (its folder, `./`). */
  pageAliases: string[];
  /** Kept at install and then answered from the cache; `integrity` refuses a file that differs from the build's. */
  files: Array<{ url: string; integrity?: string | undefined }>;
  /** Not part of the build (the service's trust roots): fetched from the network first, the kept copy offline. */
  fresh: string[];
};

declare const __VERITRACE_PRECACHE__: Precache;

// The DOM library's types, which the project compiles with, lack the worker's; these are the few it uses.
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response>): void };
type WorkerScope = {
  location: Location;
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
};

const worker = self as unknown as WorkerScope;
const PRECACHE = __VERITRACE_PRECACHE__;
/** The cache storage is the origin's: the scope in the name keeps two verifiers on one host apart. */
const CACHE_PREFIX = `veritrace-verifier ${worker.registration.scope} `;
const CACHE_NAME = CACHE_PREFIX + PRECACHE.version;

const absolute = (url: string) => new URL(url, worker.location.href).href;
const withoutQuery = (url: URL) => url.origin + url.pathname;
const pageUrl = absolute(PRECACHE.page);
const pagePaths = new Set([PRECACHE.page, ...PRECACHE.pageAliases].map((url) => new URL(url, worker.location.href).pathname));
const files = new Set(PRECACHE.files.map((file) => absolute(file.url)));
const fresh = new Set(PRECACHE.fresh.map(absolute));

/** A redirected response cannot answer a navigation: a host that redirects `index.html` to `./` gets a plain copy kept. */
async function unredirected(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(
    PRECACHE.files.map(async ({ url, integrity }) => {
      // Past the HTTP cache, so that this build's files are the ones kept; with the build's hash, so that a
      // file a host changed fails the install and the previous worker, with its cache, stays in charge.
      const response = await fetch(new Request(absolute(url), { cache: "reload", ...(integrity === undefined ? {} : { integrity }) }));
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(absolute(url), await unredirected(response));
    }),
  );
  // Optional: a page that has no such file (a static build bakes its roots in) installs all the same.
  await Promise.all([...fresh].map((url) => fromNetwork(cache, url, new Request(url, { cache: "no-cache" })).catch(() => undefined)));
}

async function fromNetwork(cache: Cache, key: string, request: Request): Promise<Response> {
  const response = await unredirected(await fetch(request));
  if (response.ok) await cache.put(key, response.clone());
  return response;
}

async function cacheFirst(key: string, request: Request): Promise<Response> {
  const kept = await (await caches.open(CACHE_NAME)).match(key);
  return kept ?? fetch(request);
}

async function networkFirst(key: string, request: Request): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  try {
    return await fromNetwork(cache, key, request);
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

worker.addEventListener("install", (event) => {
  // The new build takes over at once: the page has a single script, so no open page is left asking for
  // files of a build that is gone.
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // The API on another origin, the chain's RPC, anything not in the shell: straight to the network.
  if (url.origin !== worker.location.origin) return;
  if (request.mode === "navigate") {
    // `?code=…` varies; the page is the same.
    if (pagePaths.has(url.pathname)) event.respondWith(cacheFirst(pageUrl, request));
    return;
  }
  const key = withoutQuery(url);
  if (files.has(key)) event.respondWith(cacheFirst(key, request));
  else if (fresh.has(key)) event.respondWith(networkFirst(key, request));
});
