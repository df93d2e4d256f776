/**
 * Every word the result card says to a shopper, in one place so that it can move to translation catalogues
 * as it is: per verdict a word, an icon and a colour (so it never depends on colour alone), a headline in
 * plain words and what to do; per reason code a headline and advice that replace the verdict's own when the
 * reason says more. The precise record (addresses, chain, registry, batch, transaction) is not copy: the
 * result card lists it, folded, under the details for experts.
 */
import type { HistoryReasonCode } from "../../core/history.ts";
import type { ReasonCode, VerdictName } from "../../core/verdict.ts";

export type IconName = "ok" | "counterfeit" | "revoked" | "warn" | "unknown" | "expired";

/** A verdict's word, icon and colour; the customs mode's cues (customs/cues.ts) have the same shape. */
export type VerdictCopy = {
  word: string;
  icon: string;
  /** The CSS class giving the colour. */
  tone: "ok" | "bad" | "warn" | "unknown";
};

/** What the result card tells a shopper for a verdict. */
export type ShopperCopy = VerdictCopy & {
  /** One of icons.ts's drawings. */
  icon: IconName;
  /** What happened, in plain words. */
  headline: string;
  /** What the shopper should do now. */
  whatToDo: string;
};

export const VERDICT_COPY: Record<VerdictName, ShopperCopy> = {
  GENUINE: {
    word: "Genuine",
    icon: "ok",
    tone: "ok",
    headline: "This is a genuine product: the brand registered this exact item, and it has not been recalled or reported stolen.",
    whatToDo: "Nothing to do. Keep the receipt; if the packaging looks tampered with, tell the brand anyway.",
  },
  COUNTERFEIT: {
    word: "Counterfeit",
    icon: "counterfeit",
    tone: "bad",
    headline: "This label was not issued by the brand it names. The product is very likely a fake.",
    whatToDo:
      "Do not use the product. Take it back to the seller and ask for your money back, and report the suspected fake to the brand through its official website, with a photo of the label and the details below.",
  },
  REVOKED: {
    word: "Revoked",
    icon: "revoked",
    tone: "bad",
    // True of every REVOKED reason (a recall, a theft, a withdrawn signing key): the leading reason's own sentence says which.
    headline: "The brand no longer stands behind this item or its label.",
    whatToDo: "Do not use the product. Contact the seller, or the brand through its official website (it lists recall contacts), with the details below.",
  },
  SUSPICIOUS: {
    word: "Suspicious",
    icon: "warn",
    tone: "warn",
    headline: "The label's code is genuine, but the way it has been used suggests it was copied onto another product.",
    whatToDo: "Be careful: copied labels are usually found on fakes. Ask the seller for proof of where the product came from, and report it to the brand with the details below.",
  },
  UNVERIFIED: {
    word: "Not yet verified",
    icon: "unknown",
    tone: "unknown",
    headline: "The check could not be finished, so nothing here says the product is genuine yet.",
    whatToDo: "Try again when you are online. If this keeps happening, treat the product with caution.",
  },
};

/** A reason in plain words; `detail` is the reason's own detail (a host, a date) where the copy names it. */
export type ReasonCopy = {
  headline: (detail: string | undefined) => string;
  /** Advice replacing the verdict's own; absent where the verdict's advice already fits. */
  whatToDo?: string;
};

/** The reason the page itself gives when the service cannot hand over an item's proof. */
export const PROOF_UNAVAILABLE = "PROOF_UNAVAILABLE";

export type ReasonCodeName = keyof typeof ReasonCode | keyof typeof HistoryReasonCode | typeof PROOF_UNAVAILABLE;

const RECALL_ADVICE = "Stop using it. Follow the brand's recall notice on its official website, or take it back to the seller with the receipt.";
const STOLEN_ADVICE = "Do not buy it. If you already have, tell the seller and the brand, and keep the receipt.";
const REUSED_ADVICE = "Treat the product as a fake: do not use it, and report it to the brand with the details below.";
const TRY_AGAIN = "Check your connection: this page tries again by itself. Do not rely on the product until the check is complete.";

export const REASON_COPY: Record<ReasonCodeName, ReasonCopy> = {
  UNPARSEABLE_CODE: { headline: () => "This code is not a product code any brand issues. The product is very likely a fake." },
  UNSIGNED: { headline: () => "This label carries no brand signature, so anyone could have printed it. Genuine labels always carry one." },
  BAD_SIGNATURE: { headline: () => "The label's signature is damaged or made up: the brand did not issue this label." },
  SIGNER_NOT_REGISTERED: { headline: () => "This label was not signed by any brand this page knows. The product is very likely a fake." },
  BATCH_NOT_ANCHORED: { headline: () => "The brand never registered this product batch. The label is very likely copied or made up." },
  NOT_IN_BATCH: { headline: () => "This serial number is not one the brand registered. The label is very likely a copy." },
  ITEM_RECALLED: { headline: () => "The brand has recalled this item.", whatToDo: RECALL_ADVICE },
  ITEM_STOLEN: { headline: () => "The brand has reported this item stolen.", whatToDo: STOLEN_ADVICE },
  ITEM_DESTROYED: { headline: () => "The brand reported this item destroyed, so it should not exist: its label has probably been reused.", whatToDo: REUSED_ADVICE },
  BATCH_RECALLED: { headline: () => "The brand has recalled the whole batch this item belongs to.", whatToDo: RECALL_ADVICE },
  BATCH_STOLEN: { headline: () => "The brand has reported the whole batch this item belongs to stolen.", whatToDo: STOLEN_ADVICE },
  BATCH_DESTROYED: { headline: () => "The brand reported this item's whole batch destroyed, so it should not exist: its label has probably been reused.", whatToDo: REUSED_ADVICE },
  SIGNER_REVOKED_BEFORE_BATCH: {
    headline: (removedAt) =>
      `This label was signed with a key the brand had withdrawn${removedAt === undefined ? "" : ` on ${localDate(removedAt)}`}, by the time this product batch was registered, so the brand does not stand behind this label.`,
    whatToDo: REUSED_ADVICE,
  },
  CHAIN_UNREACHABLE: { headline: () => "The public record could not be reached, so the label could not be checked yet.", whatToDo: TRY_AGAIN },
  SIGNATURE_VALID_OFFLINE: {
    headline: () =>
      "The brand's signature on the label is right, but the public record could not be reached to look for recalls. This page checks again as soon as it can.",
    whatToDo: "Wait for the full check before relying on the product.",
  },
  SIGNER_UNKNOWN_OFFLINE: {
    headline: () => "The public record could not be reached, and this device has not seen this brand's signature before, so nothing could be checked yet.",
    whatToDo: TRY_AGAIN,
  },
  SIGNER_REMOVED_OFFLINE: {
    headline: (removedAt) =>
      `This label was signed with a key the brand withdrew${removedAt === undefined ? "" : ` on ${localDate(removedAt)}`}. Its older labels stay valid, but the public record could not be reached to tell whether this one came before, so it may be a fake made with the old key.`,
    whatToDo: "Do not rely on the product: this page checks again as soon as it is online and then says whether the brand stands behind it.",
  },
  UNTRUSTED_REGISTRY: {
    headline: () =>
      "The website that sent you here points to a product record that is not one this verifier trusts. It may be a look-alike of a real brand's site. This product could not be confirmed: do not rely on it as genuine.",
    whatToDo: "Do not rely on this product as genuine. Check it with the brand through its official website, and be wary of the website that sent you here.",
  },
  RPC_WRONG_CHAIN: {
    headline: () => "The blockchain node this page read answers for a different network, so its answer was not used.",
    whatToDo: "Open Settings and clear your own node, or set one that serves the network named in the details, then check again.",
  },
  GTIN_NOT_OWNED: {
    headline: () => "This label is signed by a company that does not own this product number. Only the brand that owns the number can issue it: treat this product as a fake.",
  },
  LABEL_HOST_NOT_REGISTERED: {
    headline: (host) =>
      `The label's link points to ${host ?? "a website"}, which is not registered for this brand. Copied labels often send shoppers to look-alike sites that always say "genuine" — which is why checking in this page matters.`,
    whatToDo: "Treat the product with caution: ask the seller where it came from, and report it to the brand with the details below.",
  },
  EXPIRED: {
    headline: (date) => `Expired on ${date ?? "its date"} — do not use it; ask the seller.`,
    whatToDo: "Do not use it: it is past its expiry date. Ask the seller to replace it or refund you.",
  },
  TOO_MANY_SESSIONS: { headline: () => "This same code has been scanned by many different people, which usually means the label was copied." },
  IMPOSSIBLE_TRAVEL: { headline: () => "This same code was scanned in places too far apart to travel between in the time, which means the label was copied." },
  PROOF_UNAVAILABLE: { headline: () => "The brand's list of items could not be fetched, so the check is not complete.", whatToDo: TRY_AGAIN },
};

/**
 * Reasons that speak for the whole answer whatever their place in the list: where the page looked, and what
 * an incomplete check still shows. Otherwise the verdict's first reason speaks, EXPIRED apart (it has a line
 * of its own, beside the verdict's headline).
 */
const LEADING_REASONS: readonly string[] = ["UNTRUSTED_REGISTRY", "RPC_WRONG_CHAIN", "SIGNATURE_VALID_OFFLINE", "SIGNER_UNKNOWN_OFFLINE", "SIGNER_REMOVED_OFFLINE", PROOF_UNAVAILABLE];

/** The reason whose copy leads the card, if any has copy. */
export function leadingReason<R extends { code: string }>(reasons: readonly R[]): R | undefined {
  const known = reasons.filter((reason) => reason.code in REASON_COPY && reason.code !== "EXPIRED");
  return known.find((reason) => LEADING_REASONS.includes(reason.code)) ?? known[0];
}

/**
 * The shopper's sentence for every reason but the leading one, in the verdict's order: each reason has its
 * own, so that a recalled item of a stolen batch says both. EXPIRED has its own line and CHAIN_UNREACHABLE
 * repeats what an offline lead already says.
 */
export function otherReasons<R extends { code: string; detail?: string | undefined }>(reasons: readonly R[], lead: R | undefined): string[] {
  const quiet = ["EXPIRED", "CHAIN_UNREACHABLE"];
  const seen = new Set<string>();
  return reasons.flatMap((reason) => {
    const copy = reasonCopy(reason.code);
    if (reason === lead || copy === undefined || quiet.includes(reason.code) || seen.has(reason.code)) return [];
    seen.add(reason.code);
    return [copy.headline(reason.detail)];
  });
}

/** An ISO date and time as the reader's locale writes the day. */
export function localDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: "long" });
}

export const reasonCopy = (code: string): ReasonCopy | undefined => REASON_COPY[code as ReasonCodeName];

/** The card's other words. */
export const CARD_TEXT = {
  pageTitle: (parts: string[]) => [...parts, "Veritrace"].join(" | "),
  scanTitle: "Check a product",
  checkingTitle: "Checking this label…",
  notACodeTitle: "Not a Veritrace code",
  counterfeitOf: (brand: string) => `not from ${brand}`,
  expiredLine: (date: string) => `Expired on ${date} — do not use it; ask the seller.`,
  /** The product's rows, shown open. */
  product: { brand: "Brand", numberOwner: "Product number belongs to", gtin: "Product number", lot: "Lot", serial: "Serial number" },
  useBy: "Use by",
  expiredOn: "Expired on",
  untrustedSite: (rootName: string) =>
    `Warning: the website that sent you here points to a product record this page does not trust. The label was checked against ${rootName} instead, never against the website's record.`,
  chainRetry: "The blockchain could not be reached; this page will try again.",
  reportHeading: "Details to give when you report it:",
  /** The details' status row for an item whose label a withdrawn key signed, though the item itself is active. */
  statusSignerWithdrawn: "Item active (not recalled, stolen or destroyed), but its label was signed with a withdrawn key",
  statusActive: "Active (not recalled, stolen or destroyed)",
  /** The details' first-sale row. */
  firstSale: (when: string, country: string | undefined) => (country === undefined ? when : `${when} in ${country}`),
  firstSaleNone: "Not recorded yet",
  /** The seller's name comes from this site, not the chain: it says so. */
  sellerNamed: (name: string) => `${name} (as this site names the account)`,
  reportFooter: "Also say where and when you bought it, and keep the product and the receipt.",
};

/** The list of checks made offline (offline-checks.ts). */
export const OFFLINE_TEXT = {
  product: (gtin: string, lot: string, serial: string) => `Product ${gtin}, lot ${lot}, serial ${serial}`,
  waiting: (time: string) => `Checked at ${time} without the public record: waiting to check it again`,
  show: "Show the result",
  rechecked: (count: number) => (count === 1 ? "A label checked offline has now been checked against the public record." : `${count} labels checked offline have now been checked against the public record.`),
};
