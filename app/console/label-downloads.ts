/** The four label downloads of the batch on show: fetched with the key, then saved from a blob URL. */
import type { ApiClient } from "./api/client.ts";
import type { BatchView, LabelFormat } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import { describeError, errorSentence, renderError } from "./error-display.ts";
import { formatBytes } from "./format.ts";
import { saveFile } from "./save-file.ts";

const FORMAT_NAMES: Record<LabelFormat, string> = { pdf: "PDF sheet", csv: "CSV", svg: "SVG zip", png: "PNG zip" };

export type BindLabelDownloadsParameters = {
  buttons: HTMLButtonElement[];
  status: HTMLElement;
  error: HTMLElement;
  client: ApiClient;
  announcer: Announcer;
  current(): BatchView | undefined;
  signal: AbortSignal;
};

export function bindLabelDownloads({ buttons, status, error, client, announcer, current, signal }: BindLabelDownloadsParameters): void {
  let busy = false;
  for (const button of buttons) {
    button.addEventListener(
      "click",
      async () => {
        const batch = current();
        const format = button.dataset.format as LabelFormat;
        if (!batch || busy) return;
        busy = true;
        button.setAttribute("aria-disabled", "true");
        error.hidden = true;
        status.textContent = `Preparing the ${FORMAT_NAMES[format]} of lot ${batch.lot}…`;
        announcer.polite(status.textContent);
        try {
          const { blob, fileName } = await client.labels(batch.id, format);
          if (signal.aborted) return;
          saveFile(blob, fileName);
          status.textContent = `Saved ${fileName} (${formatBytes(blob.size)}).`;
          announcer.polite(status.textContent);
        } catch (caught) {
          if (signal.aborted) return;
          status.textContent = "";
          const described = describeError(caught);
          renderError(error, described);
          announcer.assertive(errorSentence(described));
        } finally {
          busy = false;
          button.removeAttribute("aria-disabled");
        }
      },
      { signal },
    );
  }
}
