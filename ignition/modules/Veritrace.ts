/**
 * The Veritrace registries as Hardhat Ignition modules.
 *
 * Every registry's constructor takes (governance, registrar). Both are module parameters, usually given once
 * for all three under `$global` in a parameters file (docs/deployment.md); without them the deploying account
 * holds both roles, which suits a local chain and nothing else.
 *
 *   npx hardhat ignition deploy ignition/modules/Veritrace.ts --network consortium --parameters params.json
 *
 * `npm start` and the service deploy the same modules through scripts/deploy.ts, which keeps Ignition's
 * journal in the data folder. Each registry is its own module so that a record written before a registry
 * existed gets only that registry added.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export const ProductRegistryModule = buildModule("ProductRegistry", (m) => {
  const productRegistry = m.contract("ProductRegistry", [m.getParameter("governance", m.getAccount(0)), m.getParameter("registrar", m.getAccount(0))]);
  return { productRegistry };
});

export const ShipmentRegistryModule = buildModule("ShipmentRegistry", (m) => {
  const shipmentRegistry = m.contract("ShipmentRegistry", [m.getParameter("governance", m.getAccount(0)), m.getParameter("registrar", m.getAccount(0))]);
  return { shipmentRegistry };
});

export const LicenceRegistryModule = buildModule("LicenceRegistry", (m) => {
  const licenceRegistry = m.contract("LicenceRegistry", [m.getParameter("governance", m.getAccount(0)), m.getParameter("registrar", m.getAccount(0))]);
  return { licenceRegistry };
});

export default buildModule("Veritrace", (m) => {
  const { productRegistry } = m.useModule(ProductRegistryModule);
  const { shipmentRegistry } = m.useModule(ShipmentRegistryModule);
  const { licenceRegistry } = m.useModule(LicenceRegistryModule);
  return { productRegistry, shipmentRegistry, licenceRegistry };
});
