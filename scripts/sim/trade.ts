/**
 * A seeded generator of a year of trade with a known truth: brands and their GTINs, routes from producing
 * to consuming countries, shippers and consignees of whom a few are infringers, shipments (some carrying
 * fakes), and consumers' counterfeit scans where fakes are sold. Every shipment knows whether it carries
 * fakes (`infringing`); the risk lanes never see that, only what an office could know. docs/simulation.md
 * documents every parameter and why it has the value it has.
 */
import { Random } from "./random.ts";

export type TradeSettings = {
  seed: number;
  days: number;
  shipmentsPerDay: number;
  brands: number;
  gtinsPerBrand: number;
  shippers: number;
  consignees: number;
  /** Share of shippers, and of consignees, who trade in fakes. */
  infringerShare: number;
};

export const DEFAULT_TRADE: TradeSettings = {
  seed: 20261206,
  days: 365,
  shipmentsPerDay: 40,
  brands: 8,
  gtinsPerBrand: 4,
  shippers: 250,
  consignees: 350,
  infringerShare: 0.08,
};

export const ORIGINS = ["CN", "VN", "IN", "TR", "BD", "TH", "MY", "ID"] as const;
export const DESTINATIONS = ["NL", "DE", "FR", "ES", "IT", "BE", "PL", "GB", "US", "AE"] as const;

export type SimParty = { id: string; country: string; infringing: boolean };

export type SimShipment = {
  id: number;
  /** Declared on this day (0-based); its lane is given then, before it arrives. */
  day: number;
  origin: string;
  destination: string;
  shipper: string;
  consignee: string;
  brand: number;
  gtins: string[];
  items: number;
  flaggedItems: number;
  impossibleItems: number;
  /** The hidden truth: it carries fakes. */
  infringing: boolean;
};

/** A consumer's scan that read COUNTERFEIT (or SUSPICIOUS) in a country. */
export type SimScan = { day: number; brand: number; gtin: string; country: string };

export type Trade = { settings: TradeSettings; shippers: SimParty[]; consignees: SimParty[]; shipments: SimShipment[]; scans: SimScan[]; gtins: string[][] };

/** Chance that a shipment carries fakes: the few infringers make most of them; hot routes and the season add. */
const P_FAKE_BASE = 0.004;
const P_FAKE_INFRINGING_SHIPPER = 0.45;
const P_FAKE_INFRINGING_CONSIGNEE = 0.35;
const HOT_ROUTE_FACTOR = 2;
const HOT_ROUTES = 6;
/** A shipper mostly ships from its own country, a consignee mostly receives in its own: ten times likelier. */
const LOCAL_PARTY_WEIGHT = 10;

export function generateTrade(settings: TradeSettings = DEFAULT_TRADE): Trade {
  const rng = new Random(settings.seed);
  const gtins = Array.from({ length: settings.brands }, (_, b) => Array.from({ length: settings.gtinsPerBrand }, (_, g) => `0950600${String(b).padStart(2, "0")}${String(g).padStart(4, "0")}`));
  const party = (prefix: string, i: number, countries: readonly string[]): SimParty => ({
    id: `${prefix}${i}`,
    country: rng.pick(countries),
    infringing: rng.chance(settings.infringerShare),
  });
  const shippers = Array.from({ length: settings.shippers }, (_, i) => party("S", i, ORIGINS));
  const consignees = Array.from({ length: settings.consignees }, (_, i) => party("C", i, DESTINATIONS));
  // Infringers come and go: each becomes active on a day of the year (honest parties mostly before it).
  const activeFrom = new Map<string, number>();
  for (const p of [...shippers, ...consignees]) activeFrom.set(p.id, p.infringing ? rng.int(0, settings.days - 30) : rng.chance(0.8) ? 0 : rng.int(0, settings.days - 1));
  const hot = new Set<string>();
  while (hot.size < HOT_ROUTES) hot.add(`${rng.pick(ORIGINS)}>${rng.pick(DESTINATIONS)}`);

  const shipments: SimShipment[] = [];
  const scans: SimScan[] = [];
  for (let day = 0; day < settings.days; day++) {
    // Demand peaks before the year-end holidays (day ~330): fakes more so than genuine goods.
    const season = 1 + 0.5 * Math.cos((2 * Math.PI * (day - 330)) / 365);
    const active = (p: SimParty) => activeFrom.get(p.id)! <= day;
    const activeShippers = shippers.filter(active);
    const activeConsignees = consignees.filter(active);
    for (let n = 0; n < settings.shipmentsPerDay; n++) {
      const origin = rng.pick(ORIGINS);
      const destination = rng.pick(DESTINATIONS);
      const shipper = rng.weighted(activeShippers, (p) => (p.country === origin ? LOCAL_PARTY_WEIGHT : 1));
      const consignee = rng.weighted(activeConsignees, (p) => (p.country === destination ? LOCAL_PARTY_WEIGHT : 1));
      let p = P_FAKE_BASE + (shipper.infringing ? P_FAKE_INFRINGING_SHIPPER : 0) + (consignee.infringing ? P_FAKE_INFRINGING_CONSIGNEE : 0);
      if (hot.has(`${origin}>${destination}`)) p *= HOT_ROUTE_FACTOR;
      p = Math.min(0.95, p * season);
      const infringing = rng.chance(p);
      const brand = rng.int(0, settings.brands - 1);
      const chosen = [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(gtins[brand]!)))];
      const items = rng.int(20, 2000);
      // What an office can see: fakes sometimes travel with stolen goods or cloned serials; honest
      // shipments rarely show either (returns of recalled goods, data-entry errors).
      const flaggedItems = rng.chance(infringing ? 0.15 : 0.01) ? rng.int(1, 20) : 0;
      const impossibleItems = rng.chance(infringing ? 0.25 : 0.005) ? rng.int(1, 50) : 0;
      shipments.push({ id: shipments.length, day, origin, destination, shipper: shipper.id, consignee: consignee.id, brand, gtins: chosen, items, flaggedItems, impossibleItems, infringing });
      if (infringing) {
        // The fakes reach shops 10–25 days later and are scanned there over the following two months.
        const arrival = day + rng.int(10, 25);
        for (let k = rng.poisson(4); k > 0; k--) scans.push({ day: arrival + rng.int(0, 60), brand, gtin: rng.pick(chosen), country: destination });
      }
    }
    // Noise: misreads and damaged labels read counterfeit anywhere, on any product.
    for (let k = rng.poisson(2); k > 0; k--) {
      const brand = rng.int(0, settings.brands - 1);
      scans.push({ day, brand, gtin: rng.pick(gtins[brand]!), country: rng.pick(DESTINATIONS) });
    }
  }
  scans.sort((a, b) => a.day - b.day);
  return { settings, shippers, consignees, shipments, scans: scans.filter((s) => s.day < settings.days), gtins };
}
