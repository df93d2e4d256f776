/**
 * Performance marks around a camera scan, read by the browser benchmark (scripts/bench/verifier.ts):
 * from the first camera frame a scan hands to the decoder, through the decoded code, to the verdict on
 * screen. The page cannot know when a code came into view, so the first frame looked at stands for it;
 * with the camera already pointed at the label, as in the benchmark, they are the same frame.
 */
export const MARK_FRAME = "verifier:frame";
export const MARK_DECODED = "verifier:decoded";
export const MARK_VERDICT = "verifier:verdict";
export const MEASURE_SCAN_TO_VERDICT = "verifier:scan-to-verdict";

let scanStarted = false;

export function markFirstFrame(): void {
  if (scanStarted) return;
  scanStarted = true;
  performance.mark(MARK_FRAME);
}

export function markDecoded(): void {
  if (scanStarted) performance.mark(MARK_DECODED);
}

/** Called once the verdict is on screen; measures only verdicts that a camera scan led to. */
export function markVerdictShown(): void {
  if (!scanStarted) return;
  scanStarted = false;
  performance.mark(MARK_VERDICT);
  performance.measure(MEASURE_SCAN_TO_VERDICT, MARK_FRAME, MARK_VERDICT);
}

/** A scan given up (camera stopped, nothing decoded) must not start the next measure early. */
export function cancelScanMarks(): void {
  scanStarted = false;
}
