/**
 * The batches table. Rows are kept per batch id and updated in place, so polling every second neither
 * moves the reader's place nor takes the keyboard focus off a button.
 */
import type { BatchView } from "./api/types.ts";
import { h } from "./dom.ts";
import { formatCount, formatDateTime } from "./format.ts";

type Row = {
  tr: HTMLTableRowElement;
  lot: HTMLTableCellElement;
  gtin: HTMLTableCellElement;
  expiry: HTMLTableCellElement;
  quantity: HTMLTableCellElement;
  state: HTMLSpanElement;
  error: HTMLParagraphElement;
  progress: HTMLProgressElement;
  progressText: HTMLSpanElement;
  transaction: HTMLElement;
  block: HTMLTableCellElement;
  created: HTMLTableCellElement;
  manage: HTMLButtonElement;
};

export type BatchTable = {
  render(batches: readonly BatchView[]): void;
  select(id: string | undefined): void;
};

export type CreateBatchTableParameters = {
  body: HTMLTableSectionElement;
  empty: HTMLElement;
  onManage(id: string): void;
};

export function createBatchTable({ body, empty, onManage }: CreateBatchTableParameters): BatchTable {
  const rows = new Map<string, Row>();
  let selected: string | undefined;

  const build = (id: string): Row => {
    const state = h("span", { class: "state" });
    const error = h("p", { class: "row-error" });
    const progress = h("progress", {});
    const progressText = h("span", {});
    const transaction = h("code", { class: "hash" });
    const manage = h("button", { type: "button", class: "secondary" }, "Manage");
    manage.addEventListener("click", () => onManage(id));
    // Each cell names its column: on a phone the table is stacked and the header is not on screen.
    const cell = (label: string | undefined, className?: string, ...children: Node[]) => h("td", { class: className, "data-label": label }, ...children);
    const row: Row = {
      tr: h("tr", { "data-batch-id": id }),
      lot: cell("Lot"),
      gtin: cell("GTIN"),
      expiry: cell("Expiry"),
      quantity: cell("Items", "number"),
      state,
      error,
      progress,
      progressText,
      transaction,
      block: cell("Block", "number"),
      created: cell("Created"),
      manage,
    };
    row.tr.append(
      row.lot,
      row.gtin,
      row.expiry,
      row.quantity,
      cell("State", undefined, state, error),
      cell("Progress", undefined, h("span", { class: "progress" }, progress, progressText)),
      cell("Transaction", undefined, transaction),
      row.block,
      row.created,
      cell(undefined, "row-actions", manage),
    );
    return row;
  };

  const fill = (row: Row, batch: BatchView) => {
    setText(row.lot, batch.lot);
    setText(row.gtin, batch.gtin);
    setText(row.expiry, batch.expiry ?? "");
    setText(row.quantity, formatCount(batch.quantity));
    setText(row.state, batch.state);
    row.state.className = `state state-${batch.state}`;
    setText(row.error, batch.error ?? "");
    row.error.hidden = !batch.error;
    row.progress.max = Math.max(batch.progress.total, 1);
    row.progress.value = batch.progress.generated;
    row.progress.setAttribute("aria-label", `Items generated for lot ${batch.lot}`);
    setText(row.progressText, `${formatCount(batch.progress.generated)} / ${formatCount(batch.progress.total)}`);
    setText(row.transaction, batch.transactionHash ?? "");
    if (batch.transactionHash) row.transaction.title = batch.transactionHash;
    setText(row.block, batch.blockNumber === undefined ? "" : String(batch.blockNumber));
    setText(row.created, formatDateTime(batch.createdAt));
    row.manage.setAttribute("aria-label", `Manage batch ${batch.lot}`);
    row.tr.setAttribute("aria-current", String(batch.id === selected));
  };

  return {
    render(batches) {
      // A batch gone from the list (discarded) loses its row.
      const listed = new Set<string>(batches.map((batch) => batch.id));
      for (const [id, row] of rows) {
        if (listed.has(id)) continue;
        row.tr.remove();
        rows.delete(id);
      }
      batches.forEach((batch, index) => {
        let row = rows.get(batch.id);
        if (!row) {
          row = build(batch.id);
          rows.set(batch.id, row);
        }
        fill(row, batch);
        // Moved only when out of place: moving a row that holds the focus would drop it.
        if (body.children[index] !== row.tr) body.insertBefore(row.tr, body.children[index] ?? null);
      });
      empty.hidden = batches.length > 0;
    },
    select(id) {
      selected = id;
      for (const [rowId, row] of rows) row.tr.setAttribute("aria-current", String(rowId === id));
    },
  };
}

/** Writes only on change, so a screen reader reading the table is not told of every poll. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
