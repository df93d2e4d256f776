/** What the store keeps of organisations, their chain accounts and API keys: this feature's part of `Store`. */
import type { Address, Hex } from "viem";

export const ORGANISATION_KINDS = ["registrar", "brand", "retailer", "customs", "logistics", "rights-holder", "platform"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type Organisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** The on-chain brand id (brands only). */
  brandId: Hex | undefined;
  /** The brand organisation that authorised a retailer (retailers only). */
  parentId: string | undefined;
  metadataUri: string;
  createdAt: string;
};

export type AccountRole = "registrar" | "admin" | "signer";

/** A chain account whose key the service holds, encrypted. A retailer's one key has the `admin` role. */
export type Account = {
  address: Address;
  orgId: string;
  role: AccountRole;
  encryptedKey: Uint8Array;
  createdAt: string;
  removedAt: string | undefined;
};

export type ApiKeyRecord = {
  id: string;
  orgId: string;
  label: string | undefined;
  createdAt: string;
  lastUsedAt: string | undefined;
  /** From when the key is refused: now or earlier once revoked; later while a rotation's grace runs. */
  revokedAt: string | undefined;
};

/** API keys: labels, last use, revocation (see features/organisations/store/sqlite-api-key-tables.ts). */
export interface ApiKeyStore {
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  list(orgId: string): Promise<ApiKeyRecord[]>;
  get(orgId: string, id: string): Promise<ApiKeyRecord | undefined>;
  touch(hash: string, at: string): Promise<void>;
  /** Revokes the key unless it is the organisation's last one not revoked; false then (nothing changed). */
  revoke(orgId: string, id: string, at: string): Promise<boolean>;
  /** Adds the new key and ends the old one unless that was revoked or rotated already; false then (nothing changed). */
  replace(params: { orgId: string; oldId: string; newHash: string; label: string | undefined; createdAt: string; oldRevokedAt: string }): Promise<boolean>;
}

/** Organisations and the chain accounts whose keys the service holds. */
export interface OrganisationStore {
  createOrganisation(org: Organisation, accounts: Account[], apiKeyHash: string): Promise<void>;
  getOrganisation(id: string): Promise<Organisation | undefined>;
  findOrganisationByName(name: string): Promise<Organisation | undefined>;
  findOrganisationByApiKeyHash(hash: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  addAccount(account: Account): Promise<void>;
  listAccounts(orgId: string): Promise<Account[]>;
  getAccount(address: Address): Promise<Account | undefined>;
  markAccountRemoved(address: Address, removedAt: string): Promise<void>;
}
