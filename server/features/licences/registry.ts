/**
 * The licence registry of a running service, made once per service. Deployment records from before
 * licences existed lack it until the next start deploys it; until then the licence routes say so (503).
 */
import type { ServiceContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { LicenceRegistryChain } from "./licence-registry.ts";
import { WorkIndex } from "./work-index.ts";

const registries = new WeakMap<ServiceContext, LicenceRegistryChain>();
const indexes = new WeakMap<ServiceContext, WorkIndex>();

export function licenceRegistry(ctx: ServiceContext): LicenceRegistryChain {
  let registry = registries.get(ctx);
  if (registry === undefined) {
    const deployment = ctx.deployment.licenceRegistry;
    if (deployment === undefined) {
      throw new AppError("No LicenceRegistry is deployed on this chain yet; restart the service to deploy it", { status: 503, code: "LICENCES_NOT_DEPLOYED" });
    }
    registry = new LicenceRegistryChain(ctx.chain, deployment);
    registries.set(ctx, registry);
  }
  return registry;
}

/** Whether this service's chain has a LicenceRegistry (the reconciler skips licence work otherwise). */
export const hasLicenceRegistry = (ctx: ServiceContext): boolean => ctx.deployment.licenceRegistry !== undefined;

/** The service's perceptual-hash index of registered works, kept in step with the chain's WorkRegistered events. */
export function workIndex(ctx: ServiceContext): WorkIndex {
  let index = indexes.get(ctx);
  if (index === undefined) indexes.set(ctx, (index = new WorkIndex(licenceRegistry(ctx), ctx.store.workRegions)));
  return index;
}
