/**
 * The brand intelligence page: signed in with the brand's API key as in the console (the same tab-only
 * session and sign-in form), then the brand's views for the filters, each downloadable as CSV.
 */
import type { IntelligenceViewName } from "../../api/intelligence.ts";
import { createApiClient, type ApiClient } from "../console/api/client.ts";
import { ApiError } from "../console/api/errors.ts";
import { createAnnouncer } from "../console/announcer.ts";
import { byId } from "../console/dom.ts";
import { describeError, errorSentence, renderError } from "../console/error-display.ts";
import { saveFile } from "../console/save-file.ts";
import { forgetApiKey, storedApiKey } from "../console/session.ts";
import { bindSignIn, type SignedIn } from "../console/sign-in.ts";
import { drawDailyChart } from "./daily-chart.ts";
import { fillTables } from "./tables.ts";
import { drawWorldMap } from "./world-map.ts";

const announcer = createAnnouncer(byId("notice"), byId("alert"));
const dashboard = byId("dashboard");
const filtersForm = byId<HTMLFormElement>("filters");
const filtersError = byId("filters-error");
let client: ApiClient | undefined;

/** The filters as the API takes them: empty fields left out. */
function filters(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(filtersForm)) if (typeof value === "string" && value.trim() !== "") values[name] = value.trim();
  return values;
}

async function load(): Promise<void> {
  filtersError.hidden = true;
  try {
    const view = await client!.intelligence(filters());
    byId<HTMLInputElement>("f-from").value = view.query.from;
    byId<HTMLInputElement>("f-to").value = view.query.to;
    byId("summary").textContent =
      `${view.query.from} to ${view.query.to}: ${view.totals.counterfeit} counterfeit and ${view.totals.suspicious} suspicious verdicts, ` +
      `${view.seizures.reduce((n, s) => n + s.seizures, 0)} seizures.`;
    drawWorldMap(byId("map") as unknown as SVGSVGElement, view.byCountry);
    drawDailyChart(byId("daily-chart"), view.daily);
    fillTables(view, byId);
    announcer.polite("Views updated.");
  } catch (error) {
    renderError(filtersError, describeError(error));
    // The views stay, but must not read as the answer to the filters now in the form.
    byId("summary").textContent = "Not updated: the views below are for the previous filters.";
    announcer.assertive(errorSentence(describeError(error)));
  }
}

const open = ({ client: signedIn, brand }: SignedIn) => {
  client = signedIn;
  signIn.hide();
  byId("account-name").textContent = brand.name;
  byId("account").hidden = false;
  dashboard.hidden = false;
  void load();
};

const signIn = bindSignIn({ announcer, onSignedIn: open });

filtersForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void load();
});

for (const button of dashboard.querySelectorAll<HTMLButtonElement>("button[data-csv]")) {
  button.addEventListener("click", async () => {
    try {
      const { blob, fileName } = await client!.intelligenceCsv(filters(), button.dataset.csv as IntelligenceViewName);
      saveFile(blob, fileName);
    } catch (error) {
      renderError(filtersError, describeError(error));
    }
  });
}

byId("sign-out").addEventListener("click", () => {
  client = undefined;
  forgetApiKey();
  dashboard.hidden = true;
  byId("account").hidden = true;
  signIn.show();
  announcer.polite("Signed out: the API key is no longer kept in this tab.");
});

const apiKey = storedApiKey();
if (apiKey === undefined) {
  signIn.show();
} else {
  const stored = createApiClient({ apiKey });
  stored.brand().then(
    (brand) => open({ apiKey, client: stored, brand }),
    (error: unknown) => {
      if (error instanceof ApiError) forgetApiKey();
      signIn.show(error);
    },
  );
}
