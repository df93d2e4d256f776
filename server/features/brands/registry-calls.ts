/**
 * The registrar's ProductRegistry transactions about a brand's identity, simulated before they are sent so
 * that a refusal comes back as the contract's named error (409 PREFIX_TAKEN, 404 UNKNOWN_PREFIX, ...) with
 * nothing sent, rather than as a reverted transaction.
 */
import type { Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { productRegistryAbi } from "../../../core/abi/index.ts";
import type { Receipt, TransactionKind } from "../../chain/registry-gateway.ts";
import type { ServiceContext } from "../../context.ts";
import { refusalOf, type RefusalTable } from "../../chain/refusals.ts";

type IdentityFunction = "admitBrand" | "assignPrefix" | "withdrawPrefix" | "transferPrefix" | "addLabelDomain" | "removeLabelDomain";

/** The contract's refusals a registrar can meet, as the API names them. */
const REFUSALS: RefusalTable = {
  ProductRegistryBrandExists: { status: 409, code: "BRAND_EXISTS", field: "name" },
  ProductRegistryUnknownBrand: { status: 404, code: "UNKNOWN_BRAND", field: "brandId" },
  ProductRegistryInvalidBrandName: { status: 400, code: "INVALID_FIELD", field: "name" },
  ProductRegistryInvalidCountry: { status: 400, code: "UNKNOWN_COUNTRY", field: "country" },
  ProductRegistryInvalidPrefix: { status: 400, code: "INVALID_PREFIX", field: "prefix" },
  ProductRegistryPrefixTaken: { status: 409, code: "PREFIX_TAKEN", field: "prefix" },
  ProductRegistryPrefixOverlaps: { status: 409, code: "PREFIX_OVERLAPS", field: "prefix" },
  ProductRegistryUnknownPrefix: { status: 404, code: "UNKNOWN_PREFIX", field: "prefix" },
  ProductRegistryInvalidLabelDomain: { status: 400, code: "INVALID_LABEL_DOMAIN", field: "host" },
  ProductRegistryLabelDomainUnchanged: { status: 409, code: "LABEL_DOMAIN_UNCHANGED", field: "host" },
};

/** Simulates `functionName` from the key's account, then sends it and waits for its receipt. */
export async function sendIdentityCall(ctx: ServiceContext, key: Hex, functionName: IdentityFunction, args: readonly unknown[]): Promise<Receipt> {
  try {
    await ctx.chain.client.simulateContract({
      address: ctx.deployment.productRegistry.address,
      abi: productRegistryAbi,
      functionName,
      args,
      account: privateKeyToAddress(key),
    } as never);
  } catch (error) {
    throw refusalOf("ProductRegistry", REFUSALS, error) ?? error;
  }
  return ctx.chain.execute(key, functionName as TransactionKind, ctx.chain.registryCall(functionName, args));
}
