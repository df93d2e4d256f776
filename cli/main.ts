/**
 * Runs one command line and returns its exit code; the only place where failures become output.
 * It never calls process.exit, so stdout is flushed and tests can run it in-process.
 */
import { CommanderError } from "commander";
import { ApiError, CliError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";
import type { Io } from "./output.ts";
import { createProgram } from "./program.ts";

/** Commander's own ways of ending that are not mistakes. */
const COMMANDER_SUCCESS = new Set(["commander.helpDisplayed", "commander.version"]);

export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<ExitCode> {
  const outcome: { exitCode: ExitCode } = { exitCode: ExitCode.Ok };
  const program = createProgram(io, outcome);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already.
      return COMMANDER_SUCCESS.has(error.code) ? ExitCode.Ok : ExitCode.Usage;
    }
    const json = program.opts<{ json?: boolean }>().json === true;
    if (json && error instanceof ApiError && error.body !== undefined) io.stdout.write(`${JSON.stringify(error.body, null, 2)}\n`);
    io.stderr.write(`${describe(error)}\n`);
    return error instanceof CliError ? error.exitCode : ExitCode.Failure;
  }
}

/** `error: <message> (<CODE>, field <field>)`; no stack: every expected failure is a CliError with a message. */
function describe(error: unknown): string {
  if (error instanceof CliError) {
    const first = `error: ${error.message} (${error.code}${error.field === undefined ? "" : `, field ${error.field}`})`;
    return [first, ...otherFields(error)].join("\n");
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The other wrong fields a 400 lists (`fields`), one line each, after the first. */
function otherFields(error: CliError): string[] {
  if (!(error instanceof ApiError)) return [];
  const fields = (error.body as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields) || fields.length < 2) return [];
  return fields
    .slice(1)
    .filter((p): p is { field: string; code: string; message: string } => typeof p?.field === "string" && typeof p?.message === "string")
    .map((p) => `  also ${p.field}: ${p.message} (${p.code})`);
}
