/** The Express application: request ids, logs and metrics, body limits, the routers, a JSON 404, and the one error handler. */
import express from "express";
import type { ServiceContext } from "./context.ts";
import { notFound } from "./errors.ts";
import { publicCors } from "./http/cors.ts";
import { errorHandler } from "./http/error-handler.ts";
import { jsonBody } from "./http/json-body.ts";
import { publicRateLimit } from "./http/rate-limit.ts";
import { requestId } from "./http/request-id.ts";
import { requestLog } from "./http/request-log.ts";
import { requestMetrics } from "./http/request-metrics.ts";
import { recordRouteTemplate } from "./http/route-template.ts";
import { appRoutes } from "./http/static-app.ts";
import { trustRootsFile } from "./http/trust-roots-file.ts";
import { batchRoutes } from "./features/brands/batch-routes.ts";
import { epcisRoutes } from "./features/brands/epcis-routes.ts";
import { organisationRoutes } from "./features/brands/brand-routes.ts";
import { publicRoutes } from "./http/public-routes.ts";
import { resolverRoutes } from "./features/verification/resolver-routes.ts";
import { verifyRoutes } from "./features/verification/verify-routes.ts";
import { retailerRoutes } from "./features/retail/retail-routes.ts";
import { inspectionRoutes } from "./features/shipments/inspections/inspection-routes.ts";
import { riskRoutes } from "./features/shipments/risk/risk-routes.ts";
import { registerRoutes } from "./features/register/register-routes.ts";
import { alertRoutes } from "./features/alerts/alert-routes.ts";
import { intelligenceRoutes } from "./features/intelligence/intelligence-routes.ts";
import { shipmentRoutes } from "./features/shipments/shipment-routes.ts";
import { licenceRoutes } from "./features/licences/licence-routes.ts";
import { brandIdentityRoutes } from "./features/brands/identity-routes.ts";
import { apiKeyRoutes } from "./features/organisations/api-keys/routes.ts";
import { apiReferenceRoutes } from "./http/api-reference.ts";
import { PgRateLimitStore } from "./cluster/pg-rate-limit-store.ts";
import { PgStore } from "./store/postgres/pg-store.ts";

/** The counters every instance shares on PostgreSQL; undefined (this process's memory) for a single SQLite instance. */
function sharedRateLimitStore(ctx: ServiceContext): PgRateLimitStore | undefined {
  if (!(ctx.store instanceof PgStore)) return undefined;
  return new PgRateLimitStore(ctx.store.database.pool, { onError: (err) => ctx.logger.warn({ err }, "a rate-limit hit could not be counted; let through") });
}

export function createApp(ctx: ServiceContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only from the configured proxies (default none): req.ip is then the client.
  app.set("trust proxy", ctx.config.trustedProxies.length === 0 ? false : ctx.config.trustedProxies);
  // First, so that every answer (even a refused body) has an id, a route label, a log line and metrics.
  app.use(requestId(), recordRouteTemplate(), requestLog(ctx.logger), requestMetrics(ctx.metrics));
  // The public routes a verifier hosted on another origin calls; never the API-key ones.
  app.use("/api/v1", publicCors());
  app.use(jsonBody(ctx.config.bodyLimit));

  // One budget per client across every public endpoint, and across every instance on one PostgreSQL database.
  const limit = publicRateLimit({ ...ctx.config.rateLimit, store: sharedRateLimitStore(ctx) });
  const { api, root } = publicRoutes(ctx, limit);
  // The verify routes first: the busiest public endpoint should not walk the other routers' tables.
  app.use("/api/v1", verifyRoutes(ctx, limit), api, organisationRoutes(ctx), batchRoutes(ctx), epcisRoutes(ctx), retailerRoutes(ctx));
  app.use("/api/v1", shipmentRoutes(ctx, limit), inspectionRoutes(ctx), riskRoutes(ctx), registerRoutes(ctx), intelligenceRoutes(ctx));
  app.use("/api/v1", licenceRoutes(ctx, limit));
  app.use("/api/v1", brandIdentityRoutes(ctx, limit));
  app.use("/api/v1", apiKeyRoutes(ctx));
  app.use("/api/v1", alertRoutes(ctx));
  app.use(root, resolverRoutes(ctx, limit));
  app.use(trustRootsFile(ctx));
  app.use(apiReferenceRoutes());
  app.use(appRoutes({ verifierRpcUrl: ctx.verifierRpcUrl }));
  app.use((req) => {
    throw notFound(`No route ${req.method} ${req.path}`, "NO_ROUTE");
  });
  app.use(errorHandler(ctx.logger, ctx.metrics));
  return app;
}
