/** Debian's Chromium driven by playwright-core, with the flags that keep it off the network and quiet in a sandbox. */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A browser whose camera films `cameraFile` (a .y4m video, looped) and grants camera access without asking.
 * The camera file is fixed at launch, hence one browser per file.
 */
export function launchChromium(cameraFile?: string): Promise<Browser> {
  const camera = cameraFile === undefined ? [] : ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${cameraFile}`];
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, ...camera] });
}
