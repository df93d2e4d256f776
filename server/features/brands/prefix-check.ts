/**
 * Reads of the registrar's record, and the check that new prefixes are free before a brand is stored with
 * them, so that a brand is never left half-made by a prefix another brand holds.
 */
import type { Hex } from "viem";
import { productRegistryAbi } from "../../../core/abi/index.ts";
import { assertGs1CompanyPrefix } from "../../../core/gs1/prefix.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, badRequest, conflict } from "../../errors.ts";

const isZero = (id: Hex) => BigInt(id) === 0n;

export function readRegistry<T>(ctx: ServiceContext, functionName: "prefixOwner" | "isLabelDomain" | "getBrand", args: readonly unknown[]): Promise<T> {
  return ctx.chain.client.readContract({ address: ctx.deployment.productRegistry.address, abi: productRegistryAbi, functionName, args } as never) as Promise<T>;
}

/**
 * Refuses prefixes another brand holds, or that nest with one: the chain says who holds each exact prefix and
 * each shorter one; the longer ones that would start with it are the ones this registrar assigned.
 */
export async function checkPrefixesFree(ctx: ServiceContext, prefixes: readonly string[], field = "prefixes"): Promise<void> {
  for (const [i, prefix] of prefixes.entries()) {
    const where = `${field}[${i}]`;
    assertGs1CompanyPrefix(prefix, where);
    if (prefixes.indexOf(prefix) !== i) throw badRequest(`${where}: ${prefix} is given twice`, "DUPLICATE_PREFIX", where);
    const holder = await readRegistry<Hex>(ctx, "prefixOwner", [prefix]);
    if (!isZero(holder)) throw new AppError(`${where}: prefix ${prefix} is held by brand ${holder}`, { status: 409, code: "PREFIX_TAKEN", field: where });
    for (let length = 4; length < prefix.length; length++) {
      const shorter = prefix.slice(0, length);
      if (!isZero(await readRegistry<Hex>(ctx, "prefixOwner", [shorter]))) {
        throw conflict(`${where}: prefix ${prefix} lies inside prefix ${shorter}, which a brand holds`, "PREFIX_OVERLAPS", where);
      }
    }
    const held = await Promise.all((await ctx.store.listOrganisations()).map((o) => ctx.store.brands.listPrefixes(o.id)));
    const nested = held.flat().find((p) => p.startsWith(prefix) || prefix.startsWith(p));
    if (nested !== undefined) throw conflict(`${where}: prefix ${prefix} nests with prefix ${nested}, which a brand holds`, "PREFIX_OVERLAPS", where);
  }
}

