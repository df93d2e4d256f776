/**
 * Every word the result card says to a shopper, read from the message catalogues (app/i18n/) of the active
 * language: per verdict a word, an icon and a colour (so it never depends on colour alone), a headline in
 * plain words and what to do; per reason code a headline and advice that replace the verdict's own when the
 * reason says more. The words are getters, read when the card is drawn, so that they are in the language
 * chosen by then. The precise record (addresses, chain, registry, batch, transaction) is not copy: the
 * result card lists it, folded, under the details for experts.
 */
import type { HistoryReasonCode } from "../../core/history.ts";
import type { ReasonCode, VerdictName } from "../../core/verdict.ts";
import { locale, t, type MessageKey } from "../i18n/i18n.ts";

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

function verdictCopy(name: VerdictName, icon: IconName, tone: VerdictCopy["tone"]): ShopperCopy {
  return {
    icon,
    tone,
    get word() {
      return t(`verdict.${name}.word`);
    },
    get headline() {
      return t(`verdict.${name}.headline`);
    },
    get whatToDo() {
      return t(`verdict.${name}.whatToDo`);
    },
  };
}

export const VERDICT_COPY: Record<VerdictName, ShopperCopy> = {
  GENUINE: verdictCopy("GENUINE", "ok", "ok"),
  COUNTERFEIT: verdictCopy("COUNTERFEIT", "counterfeit", "bad"),
  // The REVOKED headline is true of every REVOKED reason (a recall, a theft, a withdrawn signing key): the
  // leading reason's own sentence says which.
  REVOKED: verdictCopy("REVOKED", "revoked", "bad"),
  SUSPICIOUS: verdictCopy("SUSPICIOUS", "warn", "warn"),
  UNVERIFIED: verdictCopy("UNVERIFIED", "unknown", "unknown"),
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

type Advice = "recall" | "stolen" | "reused" | "tryAgain" | "own";

/**
 * A reason's copy. `detail`: how the reason's detail enters the sentence (a date, a host), in the
 * catalogue's `.dated` form; without a detail the plain form is used. `advice`: shared advice, or the
 * reason's own (`.whatToDo`).
 */
function reason(code: ReasonCodeName, advice?: Advice, detail?: "date" | "host"): ReasonCopy {
  const copy: ReasonCopy = {
    headline: (value) => {
      if (detail === undefined || value === undefined) return t(`reason.${code}` as MessageKey);
      return t(`reason.${code}.dated` as MessageKey, { [detail]: detail === "date" ? localDate(value) : value });
    },
  };
  if (advice !== undefined) {
    Object.defineProperty(copy, "whatToDo", {
      enumerable: true,
      get: () => t((advice === "own" ? `reason.${code}.whatToDo` : `advice.${advice}`) as MessageKey),
    });
  }
  return copy;
}

export const REASON_COPY: Record<ReasonCodeName, ReasonCopy> = {
  UNPARSEABLE_CODE: reason("UNPARSEABLE_CODE"),
  UNSIGNED: reason("UNSIGNED"),
  BAD_SIGNATURE: reason("BAD_SIGNATURE"),
  SIGNER_NOT_REGISTERED: reason("SIGNER_NOT_REGISTERED"),
  BATCH_NOT_ANCHORED: reason("BATCH_NOT_ANCHORED"),
  NOT_IN_BATCH: reason("NOT_IN_BATCH"),
  ITEM_RECALLED: reason("ITEM_RECALLED", "recall"),
  ITEM_STOLEN: reason("ITEM_STOLEN", "stolen"),
  ITEM_DESTROYED: reason("ITEM_DESTROYED", "reused"),
  BATCH_RECALLED: reason("BATCH_RECALLED", "recall"),
  BATCH_STOLEN: reason("BATCH_STOLEN", "stolen"),
  BATCH_DESTROYED: reason("BATCH_DESTROYED", "reused"),
  SIGNER_REVOKED_BEFORE_BATCH: reason("SIGNER_REVOKED_BEFORE_BATCH", "reused", "date"),
  CHAIN_UNREACHABLE: reason("CHAIN_UNREACHABLE", "tryAgain"),
  SIGNATURE_VALID_OFFLINE: reason("SIGNATURE_VALID_OFFLINE", "own"),
  SIGNER_UNKNOWN_OFFLINE: reason("SIGNER_UNKNOWN_OFFLINE", "tryAgain"),
  SIGNER_REMOVED_OFFLINE: reason("SIGNER_REMOVED_OFFLINE", "own", "date"),
  UNTRUSTED_REGISTRY: reason("UNTRUSTED_REGISTRY", "own"),
  RPC_WRONG_CHAIN: reason("RPC_WRONG_CHAIN", "own"),
  GTIN_NOT_OWNED: reason("GTIN_NOT_OWNED"),
  LABEL_HOST_NOT_REGISTERED: reason("LABEL_HOST_NOT_REGISTERED", "own", "host"),
  // The detail is already a day (YYYY-MM-DD), written as the reader's language does.
  EXPIRED: reason("EXPIRED", "own", "date"),
  TOO_MANY_SESSIONS: reason("TOO_MANY_SESSIONS"),
  IMPOSSIBLE_TRAVEL: reason("IMPOSSIBLE_TRAVEL"),
  PROOF_UNAVAILABLE: reason("PROOF_UNAVAILABLE", "tryAgain"),
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

/** An ISO date (and time) as the reader's language writes the day; a bare day is read as that UTC day. */
export function localDate(iso: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(day ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(locale(), { dateStyle: "long", ...(day && { timeZone: "UTC" }) });
}

export const reasonCopy = (code: string): ReasonCopy | undefined => REASON_COPY[code as ReasonCodeName];

/** The card's other words. */
export const CARD_TEXT = {
  pageTitle: (parts: string[]) => [...parts, "Veritrace"].join(" | "),
  get scanTitle() {
    return t("card.scanTitle");
  },
  get checkingTitle() {
    return t("card.checkingTitle");
  },
  get notACodeTitle() {
    return t("card.notACodeTitle");
  },
  counterfeitOf: (brand: string) => t("card.counterfeitOf", { brand }),
  expiredLine: (date: string) => t("card.expiredLine", { date }),
  /** The product's rows, shown open. */
  product: {
    get brand() {
      return t("card.product.brand");
    },
    get numberOwner() {
      return t("card.product.numberOwner");
    },
    get gtin() {
      return t("card.product.gtin");
    },
    get lot() {
      return t("card.product.lot");
    },
    get serial() {
      return t("card.product.serial");
    },
  },
  get useBy() {
    return t("card.useBy");
  },
  get expiredOn() {
    return t("card.expiredOn");
  },
  untrustedSite: (root: string) => t("card.untrustedSite", { root }),
  get chainRetry() {
    return t("card.chainRetry");
  },
  get reportHeading() {
    return t("card.reportHeading");
  },
  get reportFooter() {
    return t("card.reportFooter");
  },
  /** The details' status row for an item whose label a withdrawn key signed, though the item itself is active. */
  get statusSignerWithdrawn() {
    return t("card.statusSignerWithdrawn");
  },
  get statusActive() {
    return t("card.statusActive");
  },
  /** The details' first-sale row. */
  firstSale: (date: string, country: string | undefined) => (country === undefined ? date : t("card.firstSale", { date, country })),
  get firstSaleNone() {
    return t("card.firstSaleNone");
  },
  /** The seller's name comes from this site, not the chain: it says so. */
  sellerNamed: (name: string) => t("card.sellerNamed", { name }),
};

/** The list of checks made offline (offline-checks.ts). */
export const OFFLINE_TEXT = {
  product: (gtin: string, lot: string, serial: string) => t("offline.product", { gtin, lot, serial }),
  waiting: (time: string) => t("offline.waiting", { time }),
  get show() {
    return t("offline.show");
  },
  rechecked: (count: number) =>
    count === 1 ? t("offline.rechecked.one") : t("offline.rechecked.other", { count: count.toLocaleString(locale()) }),
};
