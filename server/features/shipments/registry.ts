/**
 * The shipment registry of a running service and its tree cache, made once per service. Deployment records from before
 * shipments existed lack it until the next start deploys it; until then the shipment routes say so (503).
 */
import type { ServiceContext } from "../../context.ts";
import { ShipmentRegistryChain } from "../../chain/shipment-registry.ts";
import { AppError } from "../../errors.ts";
import { ShipmentTrees } from "./trees.ts";

const registries = new WeakMap<ServiceContext, ShipmentRegistryChain>();
const trees = new WeakMap<ServiceContext, ShipmentTrees>();

/** The service's cache of shipment trees. */
export function shipmentTrees(ctx: ServiceContext): ShipmentTrees {
  let cache = trees.get(ctx);
  if (cache === undefined) trees.set(ctx, (cache = new ShipmentTrees(ctx.store)));
  return cache;
}

export function shipmentRegistry(ctx: ServiceContext): ShipmentRegistryChain {
  let registry = registries.get(ctx);
  if (registry === undefined) {
    const deployment = ctx.deployment.shipmentRegistry;
    if (deployment === undefined) {
      throw new AppError("No ShipmentRegistry is deployed on this chain yet; restart the service to deploy it", { status: 503, code: "SHIPMENTS_NOT_DEPLOYED" });
    }
    registry = new ShipmentRegistryChain(ctx.chain.client, deployment);
    registries.set(ctx, registry);
  }
  return registry;
}
