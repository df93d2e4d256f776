/**
 * The service worker of the label links, for the verifier the service serves. A label's QR code holds a GS1
 * Digital Link on the service's host (`/01/<gtin>/10/<lot>/21/<serial>?s=…`), which the resolver answers by
 * sending the browser on to the verifier (`/verify?code=…`). Without a network that first address gave the
 * browser's own error page, although the verifier itself opens offline (sw.ts): a shopper who opened the
 * label from the phone's camera saw no answer at all.
 *
 * Scoped to the label links (`/01/`), this worker lets every navigation through to the resolver, and only
 * when the network fails sends the browser to the verifier with the label's link as its code, as the
 * resolver would; the verifier's worker then opens the page, which gives its offline answer. It keeps
 * nothing: the resolver's answers (linksets, JSON verifications) are never replayed from a cache.
 */

// The DOM library's types, which the project compiles with, lack the worker's; these are the few it uses.
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response>): void };
type WorkerScope = {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
};

const worker = self as unknown as WorkerScope;
/** The verifier page, beside this worker's folder (`/verify/label-links-sw.js` → `/verify`). */
const VERIFIER = new URL("../verify", worker.location.href);

/** Where the resolver would have sent the browser for this label link. */
function offlineTarget(labelUrl: string, verifier: URL): string {
  const target = new URL(verifier);
  target.search = new URLSearchParams({ code: labelUrl }).toString();
  return target.href;
}

worker.addEventListener("install", (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener("activate", (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.mode !== "navigate" || request.method !== "GET") return;
  event.respondWith(fetch(request).catch(() => Response.redirect(offlineTarget(request.url, VERIFIER), 302)));
});
