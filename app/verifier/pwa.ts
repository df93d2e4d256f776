/**
 * Makes the verifier an app that opens offline: registers its service worker (`sw.js`, built beside this
 * script, see `sw.ts`). Registered once the page has loaded, so that a first check never waits behind the
 * worker's downloads; where service workers are unavailable (an insecure origin, a private window that
 * refuses them) the page works as before, online only.
 */
const WORKER_FILE = "sw.js";

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
  const register = () => {
    navigator.serviceWorker.register(workerUrl, { scope: workerScope(workerUrl, location.pathname) }).catch((error: unknown) => {
      console.warn("The verifier will not open offline: its service worker could not be registered.", error);
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

registerVerifierWorker();
