/**
 * Makes the verifier an app that opens offline: registers its service worker (`sw.js`, built beside this
 * script, see `sw.ts`). Registered once the page has loaded, so that a first check never waits behind the
 * worker's downloads; where service workers are unavailable (an insecure origin, a private window that
 * refuses them) the page works as before, online only.
 *
 * Where the service serves the page, a second worker (`label-links-sw.js`) covers the label links on the
 * same host (`/01/…`), so that a label opened from the phone's camera without a network reaches this page
 * rather than the browser's error page. A static copy has no label links on its host, so no such worker.
 */
import { BAKED_TRUST_ROOTS } from "./build-config.ts";

const WORKER_FILE = "sw.js";
const LABEL_LINKS_WORKER_FILE = "label-links-sw.js";
/** The resolver's label links, beside the page's folder: `/verify/` → `/01/`. */
const LABEL_LINKS_SCOPE = "../01/";

/** The worker's scope: the page's folder, or the page itself where the service serves it beside its folder. */
export function workerScope(workerUrl: URL, pagePath: string): string {
  const folder = new URL("./", workerUrl).pathname;
  // The service serves the page at /verify and its files under /verify/: a scope of /verify covers both,
  // which the service allows with a Service-Worker-Allowed header. A static folder needs no such header.
  return pagePath === folder.slice(0, -1) ? pagePath : folder;
}

export function registerVerifierWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const workerUrl = new URL(WORKER_FILE, import.meta.url);
  const scope = workerScope(workerUrl, location.pathname);
  const servedByService = scope === location.pathname && BAKED_TRUST_ROOTS === null;
  const register = () => {
    navigator.serviceWorker.register(workerUrl, { scope }).catch((error: unknown) => {
      console.warn("The verifier will not open offline: its service worker could not be registered.", error);
    });
    if (!servedByService) return;
    const labelLinks = new URL(LABEL_LINKS_WORKER_FILE, import.meta.url);
    navigator.serviceWorker.register(labelLinks, { scope: new URL(LABEL_LINKS_SCOPE, labelLinks).pathname }).catch((error: unknown) => {
      console.warn("A label's link will not open this page offline: its service worker could not be registered.", error);
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

registerVerifierWorker();
