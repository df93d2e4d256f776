/** TCP ports: a free one for a child process that needs a fixed one, and a clear refusal when one is taken. */
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

/** A port someone else holds: the message names it and the setting that moves us elsewhere. */
export class PortTakenError extends Error {
  override name = "PortTakenError";
  readonly port: number;
  readonly variable: string;

  constructor(host: string, port: number, variable: string, detail = "") {
    super(`Port ${port} on ${host} is already in use${detail}. Stop whatever holds it, or set ${variable} to a free port.`);
    this.port = port;
    this.variable = variable;
  }
}

/** Whether `port` on `host` can be listened on right now. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? resolve(false) : reject(error)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws a `PortTakenError` naming `variable` when `port` is taken. */
export async function assertPortFree(host: string, port: number, variable: string): Promise<void> {
  if (!(await isPortFree(host, port))) throw new PortTakenError(host, port, variable);
}
