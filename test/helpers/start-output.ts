/** Reading what `scripts/start.ts` writes to stdout: one JSON log line (pino) per line. */
export type LogLine = { level: number; msg: string; [field: string]: unknown };

/** Every complete line of `stdout`, parsed; throws naming the first line that is not a JSON object. */
export function jsonLines(stdout: string): LogLine[] {
  const complete = stdout.slice(0, stdout.lastIndexOf("\n") + 1);
  return complete
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`stdout line is not JSON: ${line}`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`stdout line is not a JSON object: ${line}`);
      return parsed as LogLine;
    });
}

/** The start-up's "ready" line (service URL, registries, pages), once written. */
export function readyLine(stdout: string): (LogLine & { service: string; productRegistry: { address: string } }) | undefined {
  return jsonLines(stdout).find((line) => line.msg.startsWith("ready")) as ReturnType<typeof readyLine>;
}
