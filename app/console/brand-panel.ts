/** The signed-in brand: name, brand id, admin key and its issuing keys, active or removed. */
import type { BrandView } from "./api/types.ts";
import { byId, h } from "./dom.ts";
import { formatDateTime } from "./format.ts";

export function renderBrand(brand: BrandView): void {
  byId("account-name").textContent = brand.name;
  byId("brand-name").textContent = brand.name;
  byId("brand-id").textContent = brand.brandId;
  byId("brand-admin").textContent = brand.admin;
  byId("signers").replaceChildren(
    ...brand.signers.map((signer) =>
      h(
        "tr",
        {},
        h("td", { "data-label": "Address" }, h("code", { class: "wrap" }, signer.address)),
        h(
          "td",
          { "data-label": "Standing" },
          signer.active
            ? h("span", { class: "standing-active" }, "active")
            : h("span", { class: "standing-removed" }, `removed ${formatDateTime(signer.removedAt)}`),
        ),
        h("td", { "data-label": "Added" }, formatDateTime(signer.createdAt)),
      ),
    ),
  );
}
