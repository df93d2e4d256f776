/** RED metrics per request: how many, which failed (by status), how long; labelled by route template. */
import type { RequestHandler } from "express";
import type { Metrics } from "../metrics.ts";
import { routeTemplate } from "./route-template.ts";

export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stopTimer = metrics.httpDuration.startTimer();
    res.on("finish", () => {
      const labels = { method: req.method, route: routeTemplate(res.locals), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}
