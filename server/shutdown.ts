/**
 * A graceful stop, in phases, each logged: stop accepting connections; let requests in flight finish (a
 * large label download keeps streaming) up to `graceMs`, then cut what is left; stop the anchoring worker
 * and the reconciler at a safe point (between committed steps: whatever a step had not committed is redone
 * on the next start); close the issuance, tree-building and JSON-parsing threads and the store.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import net, { type Socket } from "node:net";
import type { Logger } from "pino";
import { closeIssuance } from "./features/brands/issuance/index.ts";
import { closeTreeBuilds } from "./features/brands/trees/tree-builder.ts";
import { closeJsonParsing } from "./http/json-body.ts";

/**
 * The server's connections and how many responses each has in flight, so that a stop closes only those with
 * none and nothing left to write. Node's own rule (http.Server#close and #closeIdleConnections) counts a
 * connection as idle once its response has ended, even while the response's bytes still wait in the socket's
 * buffer for a slow reader: a label download that a phone reads slowly would be cut at the stop. Attach it
 * when the server starts listening.
 */
export type ConnectionTracker = { closeIdle(): void };

export function trackConnections(server: Server): ConnectionTracker {
  const inFlight = new Map<Socket, number>();
  server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    // "close" comes after "finish", which waits until the response's last byte was handed to the socket.
    res.once("close", () => {
      const count = inFlight.get(socket);
      if (count !== undefined) inFlight.set(socket, count - 1);
    });
  });
  return {
    closeIdle() {
      for (const [socket, count] of inFlight) if (count === 0 && socket.writableLength === 0) socket.destroy();
    },
  };
}

export type ShutDownParameters = {
  server: Server;
  /** The server's connections, tracked since it started listening (trackConnections). */
  connections: ConnectionTracker;
  logger: Logger;
  /** How long requests in flight, and then the workers, may take before the stop goes ahead regardless. */
  graceMs: number;
  /** Resolves once the background workers have stopped at a safe point. */
  stopWorkers: () => Promise<unknown>;
  store: { close(): Promise<void> };
};

/** How often connections that became idle (a keep-alive after its response) are closed during the grace. */
const IDLE_SWEEP_MS = 50;

export async function shutDown({ server, connections, logger, graceMs, stopWorkers, store }: ShutDownParameters): Promise<void> {
  const started = Date.now();
  const inFlight = await connectionCount(server);
  logger.info({ phase: "stop-accepting", openConnections: inFlight, graceMs }, "shutdown: no longer accepting connections; requests in flight may finish");
  // net.Server#close, not http.Server#close: the latter first closes what Node deems idle, cutting a finished
  // response still in the socket's buffer (see trackConnections); connections are closed by our rule instead.
  const drained = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  connections.closeIdle();
  const sweep = setInterval(() => connections.closeIdle(), IDLE_SWEEP_MS);
  const finished = await settlesWithin(drained, graceMs);
  clearInterval(sweep);
  if (finished) {
    logger.info({ phase: "drained", ms: Date.now() - started }, "shutdown: every request in flight finished");
  } else {
    const cut = await connectionCount(server);
    logger.warn({ phase: "grace-over", cutConnections: cut, graceMs }, "shutdown: grace period over; cutting the connections still open");
    server.closeAllConnections();
    await drained;
  }

  logger.info({ phase: "stop-workers" }, "shutdown: stopping the anchoring worker and the reconciler at a safe point");
  const workersStopped = await settlesWithin(stopWorkers(), Math.max(graceMs - (Date.now() - started), 1_000));
  if (!workersStopped) {
    // Each step commits before the next begins, so the step in progress is simply redone on the next start.
    logger.warn({ phase: "workers-busy" }, "shutdown: a worker is still waiting on the chain; it resumes from its last committed step on the next start");
  }
  await closeIssuance();
  await closeTreeBuilds();
  await closeJsonParsing();
  await store.close();
  logger.info({ phase: "stopped", ms: Date.now() - started }, "shutdown: stopped");
}

function connectionCount(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? -1 : count)));
}

/** Whether `work` settles within `ms` (a rejection counts as settled: the shutdown goes on either way). */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
