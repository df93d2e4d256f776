/** Shipments, custody and the register of seizures; parties admitted by the registrar. */
import { Router, type RequestHandler } from "express";
import { requireOrganisation } from "../../http/auth.ts";
import type { ServiceContext } from "../../context.ts";
import { validate } from "../../http/validate.ts";
import { itemCustody, declarationProof } from "./custody.ts";
import { declareShipment } from "./declare.ts";
import { exportShipmentEpcis } from "./epcis.ts";
import { handOver } from "./handover.ts";
import { brandInfringements, listSeizures } from "./register.ts";
import { shipmentDetail, storedShipment } from "./view.ts";
import { createParty } from "../organisations/parties.ts";
import { sendEpcis } from "../brands/epcis-routes.ts";
import { codeQuery } from "../../../api/verification.ts";
import { createPartyBody, createShipmentBody, handoverBody, shipmentIdPath } from "../../../api/shipments.ts";
import { pageQuery } from "../../../api/paging.ts";

/** `limit`: the public rate limit, shared with the other public routers. */
export function shipmentRoutes(ctx: ServiceContext, limit: RequestHandler): Router {
  const router = Router();
  const registrar = requireOrganisation(ctx.store, "registrar");
  const shipper = requireOrganisation(ctx.store, "brand", "logistics");
  const brand = requireOrganisation(ctx.store, "brand");

  router.post("/customs-offices", registrar, async (req, res) => {
    const { party, apiKey } = await createParty(ctx, "customs", validate(createPartyBody, req.body, "body"));
    res.status(201).json({ office: party, apiKey });
  });

  router.post("/logistics-parties", registrar, async (req, res) => {
    res.status(201).json(await createParty(ctx, "logistics", validate(createPartyBody, req.body, "body")));
  });

  router.post("/shipments", shipper, async (req, res) => {
    const body = validate(createShipmentBody, req.body, "body");
    const shipment = await declareShipment(ctx, res.locals.organisation, body);
    res.status(201).location(`/api/v1/shipments/${shipment.id}`).json({ shipment });
  });

  router.get("/shipments/:id", limit, async (req, res) => {
    const { id } = validate(shipmentIdPath, req.params, "path");
    res.json({ shipment: await shipmentDetail(ctx, await storedShipment(ctx, id)) });
  });

  router.get("/shipments/:id/proof", limit, async (req, res) => {
    const { id } = validate(shipmentIdPath, req.params, "path");
    const { code } = validate(codeQuery, req.query, "query");
    res.json(await declarationProof(ctx, id, code));
  });

  router.get("/shipments/:id/epcis", shipper, async (req, res) => {
    const { id } = validate(shipmentIdPath, req.params, "path");
    const { document, waybill } = await exportShipmentEpcis(ctx, res.locals.organisation, id);
    await sendEpcis(res, document, `epcis-shipment-${waybill}`);
  });

  router.post("/shipments/:id/handovers", shipper, async (req, res) => {
    const { id } = validate(shipmentIdPath, req.params, "path");
    const body = validate(handoverBody, req.body, "body");
    res.status(201).json({ handover: await handOver(ctx, res.locals.organisation, id, body) });
  });

  router.get("/items/custody", limit, async (req, res) => {
    const { code } = validate(codeQuery, req.query, "query");
    res.json(await itemCustody(ctx, code));
  });

  router.get("/seizures", limit, async (req, res) => {
    res.json(await listSeizures(ctx, validate(pageQuery, req.query, "query")));
  });

  router.get("/brand/infringements", brand, async (req, res) => {
    res.json(await brandInfringements(ctx, res.locals.organisation, validate(pageQuery, req.query, "query")));
  });

  return router;
}
