/**
 * The world map of counterfeit verdicts: world-atlas's 1:110m countries (bundled, never fetched from a
 * CDN), drawn with d3-geo's Equal Earth projection (areas true, so a big country does not look worse
 * than it is), each country shaded by its count on a square-root scale so that a few countries with many
 * do not leave the rest white.
 */
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlas from "world-atlas/countries-110m.json" with { type: "json" };
import { NUMERIC_OF } from "./country-numbers.ts";

const SVG = "http://www.w3.org/2000/svg";
const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries);
const path = geoPath(geoEqualEarth().fitSize([960, 500], countries));

/** Light to dark red, as `rgb()`: t from 0 (one verdict) to 1 (the most). */
const shade = (t: number) => `rgb(${Math.round(254 - 101 * t)}, ${Math.round(224 - 224 * t)}, ${Math.round(210 - 190 * t)})`;

export function drawWorldMap(svg: SVGSVGElement, counts: ReadonlyArray<{ country: string | null; counterfeit: number }>): void {
  const byNumeric = new Map<string, { country: string; counterfeit: number }>();
  for (const c of counts) {
    const numeric = c.country === null ? undefined : NUMERIC_OF.get(c.country);
    if (numeric !== undefined && c.counterfeit > 0) byNumeric.set(numeric, { country: c.country!, counterfeit: c.counterfeit });
  }
  const max = Math.max(1, ...[...byNumeric.values()].map((c) => c.counterfeit));
  svg.replaceChildren(
    ...countries.features.map((f) => {
      const element = document.createElementNS(SVG, "path");
      element.setAttribute("d", path(f) ?? "");
      const found = f.id === undefined ? undefined : byNumeric.get(String(f.id));
      element.setAttribute("class", found ? "country hit" : "country");
      if (found) {
        element.setAttribute("fill", shade(Math.sqrt(found.counterfeit / max)));
        element.dataset.country = found.country;
        element.dataset.counterfeit = String(found.counterfeit);
      }
      const title = document.createElementNS(SVG, "title");
      title.textContent = `${f.properties.name}: ${found?.counterfeit ?? 0} counterfeit`;
      element.append(title);
      return element;
    }),
  );
}
