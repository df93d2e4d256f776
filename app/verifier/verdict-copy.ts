/**
 * How each verdict reads to a shopper: a word, an icon and a colour (so it never depends on colour alone),
 * a one-line summary, and what to do next.
 */
import type { VerdictName } from "../../core/verdict.ts";

export type VerdictCopy = {
  word: string;
  /** A text symbol, not an image: it stays sharp at any size and needs no asset. */
  icon: string;
  /** The CSS class giving the colour. */
  tone: "ok" | "bad" | "warn" | "unknown";
  summary: string;
};

export const VERDICT_COPY: Record<VerdictName, VerdictCopy> = {
  GENUINE: {
    word: "Genuine",
    icon: "✔",
    tone: "ok",
    summary: "The brand registered this exact item, and the public record shows no recall or theft.",
  },
  COUNTERFEIT: {
    word: "Counterfeit",
    icon: "✖",
    tone: "bad",
    summary: "This label was not issued by the brand it claims. Do not trust this product.",
  },
  REVOKED: {
    word: "Revoked",
    icon: "⛔",
    tone: "bad",
    summary: "The brand issued this item, but has since recalled it or reported it stolen or destroyed.",
  },
  SUSPICIOUS: {
    word: "Suspicious",
    icon: "⚠",
    tone: "warn",
    summary: "The label is genuine, but the same code has been scanned in a way that suggests it was copied.",
  },
  UNVERIFIED: {
    word: "Not yet verified",
    icon: "?",
    tone: "unknown",
    summary: "The check could not be completed. Nothing here says the product is genuine yet.",
  },
};

/** Advice per verdict; the report details are added by the result card. */
export const NEXT_STEPS: Record<VerdictName, string> = {
  GENUINE: "Nothing to do. Keep the receipt; if the packaging looks tampered with, report it to the brand anyway.",
  COUNTERFEIT:
    "Do not use the product. Report the suspected counterfeit to the brand (its customer service or anti-counterfeiting contact, on its official website) and to the seller, giving the details below and a photo of the label.",
  REVOKED:
    "Do not use the product. Contact the brand (its official website lists recall contacts) or the seller, giving the details below.",
  SUSPICIOUS:
    "Be careful: copied labels are usually found on fakes. Ask the seller for proof of origin, and report it to the brand with the details below.",
  UNVERIFIED: "Try again when you are online. If this keeps happening, treat the product with caution.",
};

/**
 * Reasons whose meaning a shopper needs in plain words, above the precise reason list: the trust-anchor
 * reasons, where the right action differs from the verdict's usual advice.
 */
export const REASON_SUMMARY: Partial<Record<string, (detail: string | undefined) => string>> = {
  UNTRUSTED_REGISTRY: () =>
    "The website that sent you here points to a product record that is not one this verifier trusts. It may be a look-alike of a real brand's site. This product could not be confirmed: do not rely on it as genuine.",
  RPC_WRONG_CHAIN: () =>
    "The blockchain node this page read answers for a different network, so its answer was not used. Check the node in Settings, or clear it to use the built-in one.",
  GTIN_NOT_OWNED: () =>
    "This label is signed by a company that does not own this product number. Only the brand that owns the number can issue it: treat this product as a fake.",
  LABEL_HOST_NOT_REGISTERED: (host) =>
    `The label's link points to ${host ?? "a website"}, which is not registered for this brand. Copied labels often send shoppers to look-alike sites that always say "genuine" — which is why checking in this verifier matters. Treat the product with caution and report it to the brand.`,
};

/** Advice that replaces the verdict's own when one of these reasons is given. */
export const REASON_NEXT_STEP: Partial<Record<string, string>> = {
  UNTRUSTED_REGISTRY:
    "Do not rely on this product as genuine. Check it with the brand through its official website, and be wary of the website that sent you here.",
  RPC_WRONG_CHAIN: "Open Settings and clear your own node, or set one that serves the network named below, then check again.",
};
