/**
 * Parties of the shipment registry: customs offices and logistics parties the registrar admits, and brands
 * that ship their own goods (their admin account, admitted as a logistics party on first use). The service
 * makes and holds each office's or party's one key (role `admin`), as it does for retailers.
 *
 * Order of writes: the party row (with its country, which the organisation has no column for), then the
 * organisation and its API key, then the chain. A crash before the organisation leaves a party row nobody
 * holds a key for, which the reconciler ignores; a crash after it leaves one the reconciler admits.
 */
import { randomUUID } from "node:crypto";
import { checkCountryCode, countryBytes } from "../../../core/iso3166.ts";
import { hashApiKey, newApiKey } from "../../http/auth.ts";
import { PARTY_KIND } from "../../chain/shipment-registry.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict } from "../../errors.ts";
import { shipmentRegistry } from "../shipments/registry.ts";
import type { Organisation } from "./store/types.ts";
import type { Party } from "../shipments/store/types.ts";
import { accountKey, ensureFunded, registrarKey } from "./organisations.ts";
import type { PartyView } from "../../../api/shipments.ts";

const KIND = { customs: PARTY_KIND.Customs, logistics: PARTY_KIND.Logistics } as const;

export async function createParty(
  ctx: ServiceContext,
  kind: Party["kind"],
  params: { name: string; country: string },
): Promise<{ party: PartyView; apiKey: string }> {
  const country = checkCountryCode(params.country);
  shipmentRegistry(ctx);
  if (await ctx.store.findOrganisationByName(params.name)) {
    throw conflict(`An organisation named ${JSON.stringify(params.name)} exists already`, "NAME_TAKEN", "name");
  }
  await ctx.chain.assertReachable();
  const createdAt = new Date().toISOString();
  const org: Organisation = { id: randomUUID(), name: params.name, kind, brandId: undefined, parentId: undefined, metadataUri: "", createdAt };
  const { address, sealed } = ctx.vault.newKey();
  const party: Party = { address, orgId: org.id, kind, country, name: params.name, createdAt };
  const apiKey = newApiKey();
  await ctx.store.addParty(party);
  await ctx.store.createOrganisation(org, [{ address, orgId: org.id, role: "admin", encryptedKey: sealed, createdAt, removedAt: undefined }], hashApiKey(apiKey));
  await ensurePartyOnChain(ctx, party);
  ctx.logger.info({ party: params.name, kind, country, address }, "party admitted");
  return { party: partyView(party), apiKey };
}

export const partyView = (p: Party): PartyView => ({ id: p.orgId, name: p.name, country: p.country, address: p.address, createdAt: p.createdAt });

/**
 * The account an organisation ships, hands over or inspects from, with its key. A brand ships from its
 * admin account, registered as a logistics party (in `country`) the first time.
 */
export async function partyAccount(ctx: ServiceContext, org: Organisation, country: string) {
  const account = (await accountKey(ctx, org.id, "admin"))!;
  if ((await ctx.store.getParty(account.address)) === undefined) {
    const party: Party = { address: account.address, orgId: org.id, kind: "logistics", country, name: org.name, createdAt: new Date().toISOString() };
    // Two first shipments at once both find no party: the second insert fails, and the first's row stands.
    await ctx.store.addParty(party).catch(async (error: unknown) => {
      if ((await ctx.store.getParty(account.address)) === undefined) throw error;
    });
  }
  await ensurePartyOnChain(ctx, (await ctx.store.getParty(account.address))!);
  return account;
}

/** Brings the chain in line with the store for one party: funded and admitted. Idempotent. */
export async function ensurePartyOnChain(ctx: ServiceContext, party: Party): Promise<void> {
  const registry = shipmentRegistry(ctx);
  await ensureFunded(ctx, party.address);
  if ((await registry.getParty(party.address)).kind !== PARTY_KIND.None) return;
  const call = registry.call("admitParty", [party.address, KIND[party.kind], countryBytes(party.country), party.name]);
  await ctx.chain.execute(await registrarKey(ctx), "admitParty", call);
}
