/**
 * What the GS1 resolver offers for an item code: its links by GS1 link type, as an RFC 9264 linkset
 * (`application/linkset+json`), as an HTTP `Link` header, and the `/.well-known/gs1resolver` description.
 * Every item has the same three kinds of link, all pointing at the verifier: checking a label is what
 * Veritrace resolves codes for.
 */
const GS1_VOC = "https://gs1.org/voc/";

export const LinkType = {
  defaultLink: `${GS1_VOC}defaultLink`,
  verificationService: `${GS1_VOC}verificationService`,
  pip: `${GS1_VOC}pip`,
} as const;

export type Link = { href: string; title: string; type: string; hreflang?: string[] };
export type ItemLinks = Record<string, Link[]>;

/** The verifier page and the verify API for one code URI. */
export function itemLinks(base: string, codeUri: string): ItemLinks {
  const code = encodeURIComponent(codeUri);
  const page: Link = { href: `${base}/verify?code=${code}`, title: "Check this item: genuine, counterfeit or recalled", type: "text/html", hreflang: ["en"] };
  const api: Link = { href: `${base}/api/v1/verify?code=${code}`, title: "The verification as JSON", type: "application/json" };
  return {
    [LinkType.defaultLink]: [page],
    [LinkType.verificationService]: [page, api],
    [LinkType.pip]: [{ ...page, title: "Product, batch, registration and first sale, with the authenticity check" }],
  };
}

/** The link a `linkType` parameter asks for: full URI or `gs1:` prefixed; unknown types get the default. */
export function linkFor(links: ItemLinks, linkType: string | undefined): Link {
  const wanted = linkType?.startsWith("gs1:") ? GS1_VOC + linkType.slice(4) : linkType?.replace(/^http:/, "https:");
  return (wanted !== undefined ? links[wanted]?.[0] : undefined) ?? links[LinkType.defaultLink]![0]!;
}

export function linkset(anchor: string, links: ItemLinks) {
  return { linkset: [{ anchor, ...links }] };
}

/** RFC 8288 `Link` header: every link, plus where the whole linkset is. */
export function linkHeader(anchor: string, links: ItemLinks): string {
  const entries = Object.entries(links).flatMap(([rel, list]) =>
    list.map((l) => `<${l.href}>; rel="${rel}"; type="${l.type}"; title="${l.title}"`),
  );
  const separator = anchor.includes("?") ? "&" : "?";
  entries.push(`<${anchor}${separator}linkType=all>; rel="linkset"; type="application/linkset+json"`);
  return entries.join(", ");
}

/** `/.well-known/gs1resolver`: what this resolver serves (GS1-Conformant Resolver standard). */
export function resolverDescription(base: string) {
  return {
    name: "Veritrace verification resolver",
    resolverRoot: base,
    supportedPrimaryKeys: ["gtin"],
    supportedLinkType: [{ namespace: GS1_VOC, prefix: "gs1:", profile: `${GS1_VOC}?show=linktypes` }],
    supportedLinkTypes: Object.values(LinkType),
    linkTypeDefaultCanBeLinkset: true,
    supportedQualifiers: { gtin: ["10", "21"] },
    requiredQualifiers: { gtin: ["10", "21"] },
    supportedDataAttributes: ["17", "s"],
    contentNegotiation: {
      "text/html": "307 to the verifier page (the default link)",
      "application/json": "the verification (as GET /api/v1/verify)",
      "application/linkset+json": "the item's linkset (RFC 9264); also with linkType=all",
    },
    verificationService: `${base}/api/v1/verify`,
  };
}
