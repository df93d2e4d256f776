import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { shipmentIdOf, shipmentLeafOf, shipmentTree } from "../../core/shipment-ids.ts";

const { ethers, networkHelpers } = await network.create();

const FR = "0x4652";
const CN = "0x434e";
const DE = "0x4445";
const PartyKind = { None: 0, Logistics: 1, Customs: 2 } as const;
const Outcome = { Cleared: 0, Held: 1, Seized: 2 } as const;

const itemIds = (n: number, salt = "item") => Array.from({ length: n }, (_, i) => keccak256(toHex(`${salt}-${i}`)));

describe("ShipmentRegistry", function () {
  async function deployed() {
    const [governance, registrar, shipper, carrier, consignee, customs, stranger] = await ethers.getSigners();
    const registry = await ethers.deployContract("ShipmentRegistry", [governance!.address, registrar!.address]);
    await registry.connect(registrar).admitParty(shipper!.address, PartyKind.Logistics, CN, "Acme Logistics");
    await registry.connect(registrar).admitParty(carrier!.address, PartyKind.Logistics, FR, "Carrier SA");
    await registry.connect(registrar).admitParty(customs!.address, PartyKind.Customs, FR, "Douane Le Havre");
    const ids = itemIds(10);
    const tree = shipmentTree(ids);
    await registry.connect(shipper).declareShipment("WB-1", consignee!.address, CN, FR, ids.length, tree.root);
    const shipmentId = shipmentIdOf(shipper!.address as Address, "WB-1");
    return { registry, governance: governance!, registrar: registrar!, shipper: shipper!, carrier: carrier!, consignee: consignee!, customs: customs!, stranger: stranger!, ids, tree, shipmentId };
  }

  describe("ids and trees", function () {
    it("derives the shipment id and item tree as core does, the same tree as StandardMerkleTree", async function () {
      const { registry, shipper, ids, tree } = await networkHelpers.loadFixture(deployed);
      expect(await registry.shipmentIdOf(shipper.address, "WB-1")).to.equal(shipmentIdOf(shipper.address as Address, "WB-1"));
      const reference = StandardMerkleTree.of(ids.map((id) => [id]), ["bytes32"]);
      expect(tree.root).to.equal(reference.root);
      expect(reference.leafHash([ids[3]!])).to.equal(shipmentLeafOf(ids[3]!));
    });
  });

  describe("admitParty", function () {
    it("lets only the registrar admit, once, with a valid country and a name", async function () {
      const { registry, registrar, stranger } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(stranger).admitParty(stranger.address, PartyKind.Customs, FR, "Me"))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount");
      await expect(registry.connect(registrar).admitParty(stranger.address, PartyKind.Customs, "0x6672", "Office"))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryInvalidCountry")
        .withArgs("0x6672");
      await expect(registry.connect(registrar).admitParty(stranger.address, PartyKind.Customs, DE, "Zoll Hamburg"))
        .to.emit(registry, "PartyAdmitted")
        .withArgs(stranger.address, PartyKind.Customs, DE, "Zoll Hamburg");
      await expect(registry.connect(registrar).admitParty(stranger.address, PartyKind.Logistics, DE, "Again"))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryPartyExists")
        .withArgs(stranger.address);
      const party = await registry.getParty(stranger.address);
      expect([party.kind, party.country, party.name]).to.deep.equal([BigInt(PartyKind.Customs), DE, "Zoll Hamburg"]);
    });
  });

  describe("declareShipment", function () {
    it("records the shipment with the shipper as custodian and emits ShipmentDeclared", async function () {
      const { registry, shipper, consignee, shipmentId, tree } = await networkHelpers.loadFixture(deployed);
      const s = await registry.getShipment(shipmentId);
      expect([s.itemsRoot, s.shipper, s.consignee, s.custodian, s.itemCount, s.origin, s.destination]).to.deep.equal([
        tree.root, shipper.address, consignee.address, shipper.address, 10n, CN, FR,
      ]);
      expect(s.declaredAt).to.equal(BigInt(await networkHelpers.time.latest()));
    });

    it("refuses a stranger, a customs office, a reused waybill and empty contents", async function () {
      const { registry, shipper, customs, stranger, consignee, tree, shipmentId } = await networkHelpers.loadFixture(deployed);
      for (const who of [stranger, customs]) {
        await expect(registry.connect(who).declareShipment("WB-9", consignee.address, CN, FR, 1, tree.root))
          .to.be.revertedWithCustomError(registry, "ShipmentRegistryNotParty")
          .withArgs(who.address, PartyKind.Logistics);
      }
      await expect(registry.connect(shipper).declareShipment("WB-1", consignee.address, CN, FR, 1, tree.root))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryShipmentExists")
        .withArgs(shipmentId);
      await expect(registry.connect(shipper).declareShipment("WB-2", consignee.address, CN, FR, 0, tree.root))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryInvalidItemCount");
      await expect(registry.connect(shipper).declareShipment("WB-2", consignee.address, CN, FR, 1, ethers.ZeroHash))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryEmptyArgument")
        .withArgs("itemsRoot");
    });

    it("costs the same gas for 10 items as for 100,000", async function () {
      const { registry, shipper, consignee } = await networkHelpers.loadFixture(deployed);
      const root = keccak256(toHex("root"));
      const gas = async (waybill: string, count: number) =>
        (await (await registry.connect(shipper).declareShipment(waybill, consignee.address, CN, FR, count, root)).wait())!.gasUsed;
      const [ten, many] = [await gas("WB-10", 10), await gas("WB-99", 100_000)];
      expect(many - ten).to.be.lessThan(50n); // calldata bytes of the count only
    });
  });

  describe("isDeclared", function () {
    it("is true for the declared items with their proofs and false for any other item", async function () {
      const { registry, shipmentId, ids, tree } = await networkHelpers.loadFixture(deployed);
      for (let i = 0; i < ids.length; i++) expect(await registry.isDeclared(shipmentId, ids[i]!, tree.proof(i))).to.equal(true);
      const outsider = keccak256(toHex("not shipped"));
      expect(await registry.isDeclared(shipmentId, outsider, tree.proof(0))).to.equal(false);
      expect(await registry.isDeclared(ethers.ZeroHash, ids[0]!, tree.proof(0))).to.equal(false);
    });
  });

  describe("handOver", function () {
    it("moves custody from the custodian to a logistics party, then to the consignee", async function () {
      const { registry, shipper, carrier, consignee, shipmentId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(shipper).handOver(shipmentId, carrier.address, CN))
        .to.emit(registry, "CustodyHandedOver")
        .withArgs(shipmentId, shipper.address, carrier.address, CN);
      await registry.connect(carrier).handOver(shipmentId, consignee.address, FR);
      expect((await registry.getShipment(shipmentId)).custodian).to.equal(consignee.address);
    });

    it("refuses anyone but the custodian, and a recipient that is no party", async function () {
      const { registry, shipper, carrier, stranger, shipmentId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(carrier).handOver(shipmentId, carrier.address, FR))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryNotCustodian")
        .withArgs(shipmentId, carrier.address, shipper.address);
      await expect(registry.connect(shipper).handOver(shipmentId, stranger.address, FR))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryInvalidRecipient")
        .withArgs(shipmentId, stranger.address);
      await expect(registry.connect(shipper).handOver(ethers.ZeroHash, carrier.address, FR))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryUnknownShipment");
    });
  });

  describe("recordInspection", function () {
    const counts = { genuine: 1000, counterfeit: 20, undeclared: 50, revoked: 0 };
    const report = keccak256(toHex("report"));

    it("lets an admitted office clear, hold or seize; a seizure names each brand concerned and freezes the shipment", async function () {
      const { registry, customs, shipper, carrier, shipmentId } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(customs).recordInspection(shipmentId, Outcome.Held, counts, report, []))
        .to.emit(registry, "ShipmentInspected")
        .withArgs(shipmentId, customs.address, Outcome.Held, [1000n, 20n, 50n, 0n], report);
      const brands: Hex[] = [keccak256(toHex("Acme")), keccak256(toHex("Globex"))];
      const tx = registry.connect(customs).recordInspection(shipmentId, Outcome.Seized, counts, report, brands);
      await expect(tx).to.emit(registry, "InfringementRecorded").withArgs(brands[0], shipmentId, customs.address, report);
      await expect(tx).to.emit(registry, "InfringementRecorded").withArgs(brands[1], shipmentId, customs.address, report);
      const s = await registry.getShipment(shipmentId);
      expect([s.inspections, s.seized]).to.deep.equal([2n, true]);
      await expect(registry.connect(shipper).handOver(shipmentId, carrier.address, FR))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryShipmentSeized");
    });

    it("refuses anyone who is not an admitted customs office, and an empty report hash", async function () {
      const { registry, customs, shipper, stranger, shipmentId } = await networkHelpers.loadFixture(deployed);
      for (const who of [stranger, shipper]) {
        await expect(registry.connect(who).recordInspection(shipmentId, Outcome.Cleared, counts, report, []))
          .to.be.revertedWithCustomError(registry, "ShipmentRegistryNotParty")
          .withArgs(who.address, PartyKind.Customs);
      }
      await expect(registry.connect(customs).recordInspection(shipmentId, Outcome.Cleared, counts, ethers.ZeroHash, []))
        .to.be.revertedWithCustomError(registry, "ShipmentRegistryEmptyArgument")
        .withArgs("reportHash");
    });
  });
});
