/**
 * What the GS1 resolver offers for an item code: its links by GS1 link type, as an RFC 9264 linkset
 * (`application/linkset+json`), as an HTTP `Link` header, and the `/.well-known/gs1resolver` description.
 * Every item has the same three kinds of link, all pointing at the verifier: checking a label is what
 * Veritrace resolves codes for.
 */
const GS1_VOC = "https://gs1.org/voc/";
/** The other spellings of GS1's vocabulary a `linkType` may use; all name the same link types. */
const GS1_VOC_ALIASES = ["http://gs1.org/voc/", "https://www.gs1.org/voc/", "http://www.gs1.org/voc/", "https://ref.gs1.org/voc/"];
/** GS1's context that turns a resolver's JSON linkset into JSON-LD (GS1-Conformant Resolver standard). */
export const LINKSET_CONTEXT = "https://ref.gs1.org/standards/resolver/linkset-context";

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
  // The default link carries no optional attribute (no language): the standard's rule, so that it always matches.
  const { hreflang: _language, ...defaultLink } = page;
  return {
    [LinkType.defaultLink]: [defaultLink],
    [LinkType.verificationService]: [page, api],
    [LinkType.pip]: [{ ...page, title: "Product, batch, registration and first sale, with the authenticity check" }],
  };
}

/** `linkType` values that ask for the whole linkset: `linkset` (resolver standard), `all` (Digital Link 1.1). */
export const LINKSET_LINK_TYPES = ["linkset", "all"];

/** A `linkType` as a full GS1 vocabulary URI: `gs1:pip`, and the vocabulary's other spellings, name the same type. */
export function normaliseLinkType(linkType: string): string {
  if (linkType.startsWith("gs1:")) return GS1_VOC + linkType.slice(4);
  const alias = GS1_VOC_ALIASES.find((a) => linkType.startsWith(a));
  return alias === undefined ? linkType : GS1_VOC + linkType.slice(alias.length);
}

/** The default link, or the link of a requested type; undefined when the item has no link of that type. */
export function linkFor(links: ItemLinks, linkType?: string): Link | undefined {
  return links[linkType === undefined ? LinkType.defaultLink : normaliseLinkType(linkType)]?.[0];
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

/**
 * `/.well-known/gs1resolver`: what this resolver serves, in the shape of GS1's resolver description file
 * schema. Primary keys are AI codes: GTIN is "01". The default link is never the linkset (only on request),
 * hence `linkTypeDefaultCanBeLinkset: false`. docs/resolver.md says the rest (qualifiers, negotiation).
 */
export function resolverDescription(base: string) {
  return {
    name: "Veritrace verification resolver",
    resolverRoot: base,
    supportedPrimaryKeys: ["01"],
    supportedLinkType: [{ namespace: GS1_VOC, prefix: "gs1:" }],
    linkTypeDefaultCanBeLinkset: false,
    jsonLdContextLocation: LINKSET_CONTEXT,
  };
}
