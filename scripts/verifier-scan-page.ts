/**
 * The verifier page as the service serves it when no label is given (`/verify`, not `/verify?code=…`):
 * `scan.html`, the same page with the scan panel shown and the "Checking this label…" state hidden, so that
 * what the HTML shows before its script runs is right in both cases (app/verifier/index.html is the page
 * a label's link opens).
 */
export const SCAN_PAGE_FILE = "scan.html";

const CHECKING = '<section id="checking" class="panel checking" aria-labelledby="checking-title">';
const SCAN = '<section id="scan" class="panel" aria-labelledby="scan-title" hidden>';

export function scanPageHtml(indexHtml: string): string {
  for (const tag of [CHECKING, SCAN]) {
    if (indexHtml.split(tag).length !== 2) throw new Error(`app/verifier/index.html changed: expected one ${tag}; update scripts/verifier-scan-page.ts`);
  }
  return indexHtml.replace(CHECKING, CHECKING.replace(">", " hidden>")).replace(SCAN, SCAN.replace(" hidden>", ">"));
}
