/**
 * The "Alerts to customs" panel: the brand raises an alert (the service checks every field and names the
 * wrong ones beside their inputs), lists its alerts with their states, and withdraws one after a confirmation.
 */
import type { AlertView, RaiseAlertBody } from "../../api/alerts.ts";
import type { ApiClient } from "./api/client.ts";
import type { Announcer } from "./announcer.ts";
import type { Confirm } from "./confirm-dialog.ts";
import { byId, h } from "./dom.ts";
import { createErrorSlots, describeError, errorSentence, renderError, type FieldSlot } from "./error-display.ts";
import { formatDateTime } from "./format.ts";

const FIELDS = ["gtin", "lot", "country", "origin", "reason", "days"] as const;

export type BindAlertsPanelParameters = { client: ApiClient; announcer: Announcer; confirm: Confirm; signal: AbortSignal };

export function bindAlertsPanel({ client, announcer, confirm, signal }: BindAlertsPanelParameters): { reset(): void } {
  const form = byId<HTMLFormElement>("alert-form");
  const input = (field: (typeof FIELDS)[number]) => byId<HTMLInputElement>(`alert-${field}`);
  const slots = new Map<string, FieldSlot>(FIELDS.map((field) => [field, { input: input(field), message: byId(`alert-${field}-error`) }]));
  const errors = createErrorSlots({ general: byId("alert-form-error"), fieldSlot: (field) => slots.get(field), all: () => [...slots.values()] });
  const rows = byId<HTMLTableSectionElement>("alert-rows");
  const listError = byId("alerts-error");
  const submit = byId<HTMLButtonElement>("raise-alert");

  const withdraw = async (alert: AlertView, button: HTMLButtonElement) => {
    const ok = await confirm({
      title: "Withdraw this alert?",
      body: `Customs risk lanes stop showing "${alert.reason}" for GTIN ${alert.gtin} bound for ${alert.country}. The alert stays in your list as withdrawn.`,
      confirmLabel: "Withdraw alert",
    });
    if (!ok) return;
    button.disabled = true;
    try {
      const withdrawn = await client.withdrawAlert(alert.id);
      announcer.polite(`Alert for GTIN ${withdrawn.gtin} to ${withdrawn.country} withdrawn.`);
      await load();
    } catch (error) {
      button.disabled = false;
      renderError(listError, describeError(error));
      announcer.assertive(errorSentence(describeError(error)));
    }
  };

  const row = (alert: AlertView) =>
    h(
      "tr",
      { "data-alert": alert.id },
      h("td", { "data-label": "State" }, h("span", { class: `alert-state-${alert.state}` }, alert.state)),
      h("td", { "data-label": "GTIN" }, h("code", {}, alert.gtin)),
      h("td", { "data-label": "Lot" }, alert.lot ?? "every lot"),
      h("td", { "data-label": "Route" }, `${alert.origin ?? "anywhere"} → ${alert.country}`),
      h("td", { "data-label": "Reason", class: "wrap" }, alert.reason),
      h("td", { "data-label": "Until" }, formatDateTime(alert.withdrawnAt ?? alert.expiresAt)),
      h(
        "td",
        {},
        alert.state === "active"
          ? (() => {
              const button = h("button", { type: "button", class: "danger" }, "Withdraw…");
              button.addEventListener("click", () => void withdraw(alert, button), { signal });
              return button;
            })()
          : undefined,
      ),
    );

  async function load(): Promise<void> {
    try {
      const { alerts } = await client.listAlerts();
      if (signal.aborted) return;
      rows.replaceChildren(...alerts.map(row));
      byId("alerts-empty").hidden = alerts.length > 0;
      listError.hidden = true;
    } catch (error) {
      if (signal.aborted) return;
      renderError(listError, describeError(error));
      announcer.assertive(errorSentence(describeError(error)));
    }
  }

  form.addEventListener(
    "submit",
    async (event) => {
      event.preventDefault();
      errors.clear();
      const text = (field: (typeof FIELDS)[number]) => input(field).value.trim();
      // Sent as typed (empty optional fields left out): the service names whatever is wrong.
      const body: RaiseAlertBody = { gtin: text("gtin"), country: text("country"), reason: input("reason").value };
      if (text("lot") !== "") body.lot = text("lot");
      if (text("origin") !== "") body.origin = text("origin");
      if (text("days") !== "") body.days = Number(text("days"));
      submit.disabled = true;
      try {
        const alert = await client.raiseAlert(body);
        announcer.polite(`Alert raised for GTIN ${alert.gtin} bound for ${alert.country}, active until ${formatDateTime(alert.expiresAt)}.`);
        form.reset();
        await load();
      } catch (error) {
        errors.show(error)?.focus();
        announcer.assertive(errorSentence(describeError(error)));
      } finally {
        submit.disabled = false;
      }
    },
    { signal },
  );
  byId("refresh-alerts").addEventListener("click", () => void load(), { signal });
  void load();

  return {
    reset() {
      form.reset();
      errors.clear();
      rows.replaceChildren();
      listError.hidden = true;
    },
  };
}
