/**
 * What every command's action needs, built from the global options of the command line it runs under:
 * the validated configuration, an API client and the output.
 */
import type { Command } from "commander";
import { createApiClient, type ApiClient } from "./api-client.ts";
import { loadConfig, type CliConfig } from "./config.ts";
import type { ExitCode } from "./exit-codes.ts";
import { createOutput, type Io, type Output } from "./output.ts";

/** The global options, and `--roots` of the commands that take it. */
export type GlobalOptions = { url?: string; apiKey?: string; json?: boolean; roots?: string };

export type Session = {
  config: CliConfig;
  client: ApiClient;
  out: Output;
  io: Io;
  /** For a command that succeeded with an answer scripts branch on (verify's verdict). */
  setExitCode(code: ExitCode): void;
};

export type SessionOf = (command: Command) => Session;

export function sessionFactory(io: Io, outcome: { exitCode: ExitCode }): SessionOf {
  return (command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const config = loadConfig({ url: options.url, apiKey: options.apiKey, roots: options.roots });
    const setExitCode = (code: ExitCode) => void (outcome.exitCode = code);
    return { config, client: createApiClient(config), out: createOutput(io, options.json === true), io, setExitCode };
  };
}
