/**
 * The new-batch form: GTIN, lot, optional expiry, and a quantity or the brand's own serial list. It sends
 * what was typed as it is; the service validates, and its errors come back beside the field they name.
 */
import type { ApiClient, CreatedBatch } from "./api/client.ts";
import { NetworkError } from "./api/errors.ts";
import type { CreateBatchBody } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import { byId } from "./dom.ts";
import { createErrorSlots, describeError, errorSentence, InputError, type FieldSlot } from "./error-display.ts";
import { dateFromExpiry, expiryFromDate } from "./expiry.ts";
import { formatCount } from "./format.ts";
import { IdempotencyKeys } from "./idempotency.ts";
import { parseSerialList, serialIndexOf, type SerialList } from "./serial-list.ts";

type ItemsMode = "quantity" | "serials";
type SerialFile = { name: string; list: Promise<SerialList> };

export type BindBatchFormParameters = {
  client: ApiClient;
  announcer: Announcer;
  onCreated(created: CreatedBatch): void;
  signal: AbortSignal;
};

export function bindBatchForm({ client, announcer, onCreated, signal }: BindBatchFormParameters): void {
  const form = byId<HTMLFormElement>("batch-form");
  const gtin = byId<HTMLInputElement>("gtin");
  const lot = byId<HTMLInputElement>("lot");
  const expiry = byId<HTMLInputElement>("expiry");
  const expiryDate = byId<HTMLInputElement>("expiry-date");
  const quantity = byId<HTMLInputElement>("quantity");
  const serialsFile = byId<HTMLInputElement>("serials-file");
  const serialsSummary = byId("serials-summary");
  const submit = byId<HTMLButtonElement>("create-batch");
  const formStatus = byId("batch-form-status");
  const modeRadios = [...form.querySelectorAll<HTMLInputElement>('input[name="items"]')];
  const keys = new IdempotencyKeys();
  let serialFile: SerialFile | undefined;
  let busy = false;

  const slot = (input: HTMLInputElement): FieldSlot => ({ input, message: byId(`${input.id}-error`) });
  const slots: Record<string, FieldSlot> = { gtin: slot(gtin), lot: slot(lot), expiry: slot(expiry), quantity: slot(quantity), serials: slot(serialsFile) };
  const mode = (): ItemsMode => (modeRadios.find((radio) => radio.checked)?.value === "serials" ? "serials" : "quantity");
  const errors = createErrorSlots({
    general: byId("batch-form-error"),
    fieldSlot(field) {
      // "Give either quantity or serials" names quantity even when the serial list is the input in view.
      if (field === "quantity") return mode() === "quantity" ? slots.quantity : slots.serials;
      return slots[serialIndexOf(field) === undefined ? field : "serials"];
    },
    all: () => Object.values(slots),
  });

  const showMode = () => {
    byId("quantity-field").hidden = mode() !== "quantity";
    byId("serials-field").hidden = mode() !== "serials";
  };
  for (const radio of modeRadios) radio.addEventListener("change", showMode, { signal });
  showMode();

  const thisYear = () => new Date().getFullYear();
  // The service refuses a passed expiry (EXPIRY_IN_PAST, shown at the field); the picker offers none.
  expiryDate.min = new Date().toISOString().slice(0, 10);
  expiryDate.addEventListener(
    "input",
    () => {
      const picked = expiryFromDate(expiryDate.value, thisYear());
      if (!picked) return;
      expiry.value = picked.expiry;
      const year = Number(expiryDate.value.slice(0, 4));
      byId("expiry-hint").textContent =
        picked.readAsYear === year
          ? "GS1 expiry date as YYMMDD, e.g. 270228. DD 00 means the end of the month."
          : `Careful: GS1 readers will take ${picked.expiry} for ${picked.readAsYear}, not ${year}.`;
    },
    { signal },
  );
  expiry.addEventListener(
    "input",
    () => {
      expiryDate.value = dateFromExpiry(expiry.value.trim(), thisYear()) ?? "";
    },
    { signal },
  );

  serialsFile.addEventListener(
    "change",
    () => {
      const file = serialsFile.files?.[0];
      const chosen: SerialFile | undefined = file && {
        name: file.name,
        list: file.text().then(parseSerialList, (cause: unknown) => {
          throw new InputError(`${file.name} could not be read: ${(cause as Error).message}`, { code: "FILE_UNREADABLE", field: "serials" });
        }),
      };
      serialFile = chosen;
      serialsSummary.textContent = chosen ? `Reading ${chosen.name}…` : "";
      chosen?.list.then(
        (list) => {
          if (serialFile !== chosen) return;
          serialsSummary.textContent =
            list.serials.length === 0 ? `${chosen.name} holds no serials.` : `${chosen.name}: ${formatCount(list.serials.length)} serials.`;
        },
        () => {
          if (serialFile === chosen) serialsSummary.textContent = `${chosen.name} could not be read.`;
        },
      );
    },
    { signal },
  );

  /** The request, as typed: empty optional fields are left out rather than sent empty. */
  const readBody = async (): Promise<{ body: CreateBatchBody; serials: SerialList | undefined }> => {
    const body: CreateBatchBody = { gtin: gtin.value.trim(), lot: lot.value.trim() };
    if (expiry.value.trim() !== "") body.expiry = expiry.value.trim();
    if (mode() === "quantity") {
      // A number input gives "" for text it cannot read; the service then says what it is missing.
      if (quantity.value !== "") body.quantity = Number(quantity.value);
      return { body, serials: undefined };
    }
    const serials = serialFile && (await serialFile.list);
    if (serials) body.serials = serials.serials;
    return { body, serials };
  };

  /** Where a rejected serial is in the user's file, which has blank lines the request does not. */
  const serialNote = (serials: SerialList | undefined) => (field: string) => {
    const index = serialIndexOf(field);
    const line = index === undefined ? undefined : serials?.lines[index];
    return line === undefined ? undefined : `(line ${line} of ${serialFile?.name ?? "the file"})`;
  };

  form.addEventListener(
    "submit",
    async (event) => {
      event.preventDefault();
      if (busy) return;
      errors.clear();
      busy = true;
      submit.setAttribute("aria-disabled", "true");
      form.setAttribute("aria-busy", "true");
      formStatus.textContent = "Sending…";
      let serials: SerialList | undefined;
      try {
        const read = await readBody();
        serials = read.serials;
        const created = await client.createBatch(read.body, keys.keyFor(JSON.stringify(read.body)));
        keys.answered();
        if (signal.aborted) return;
        formStatus.textContent = "";
        lot.value = "";
        quantity.value = "";
        serialsFile.value = "";
        serialFile = undefined;
        serialsSummary.textContent = "";
        onCreated(created);
      } catch (error) {
        if (!(error instanceof NetworkError)) keys.answered();
        if (signal.aborted) return;
        formStatus.textContent =
          error instanceof NetworkError ? "Not sent, or its answer was lost: submit again — the service will not make the batch twice." : "";
        errors.show(error, serialNote(serials))?.focus();
        announcer.assertive(errorSentence(describeError(error)));
      } finally {
        busy = false;
        submit.removeAttribute("aria-disabled");
        form.removeAttribute("aria-busy");
      }
    },
    { signal },
  );
}
