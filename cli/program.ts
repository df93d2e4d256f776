/** The command tree: global options, the command groups, and the help epilogue. */
import { Command } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { registerBatchCommands } from "./commands/batch.ts";
import { registerBrandCommands } from "./commands/brand.ts";
import { registerCustomsCommands } from "./commands/customs.ts";
import { registerRiskCommands } from "./commands/risk.ts";
import { registerRegisterCommands } from "./commands/register.ts";
import { registerAlertCommands } from "./commands/alerts.ts";
import { registerLicenceCommands } from "./commands/licence.ts";
import { registerLicencePartyCommands } from "./commands/licence-parties.ts";
import { registerNoticeCommands } from "./commands/notice.ts";
import { registerWorkCommands } from "./commands/work.ts";
import { registerItemCommands } from "./commands/item.ts";
import { registerKeyCommands } from "./commands/key.ts";
import { registerLabelDomainCommands } from "./commands/label-domain.ts";
import { registerPrefixCommands } from "./commands/prefix.ts";
import { registerRetailerCommands } from "./commands/retailer.ts";
import { registerShipmentCommands } from "./commands/shipment.ts";
import { registerSignerCommands } from "./commands/signer.ts";
import { registerVerifyCommand } from "./commands/verify.ts";
import { DEFAULT_DATA_DIR, DEFAULT_URL } from "./config.ts";
import { EXIT_CODES_HELP, ExitCode } from "./exit-codes.ts";
import type { Io } from "./output.ts";
import { sessionFactory } from "./session.ts";

const ENVIRONMENT_HELP = `Environment:
  VERITRACE_URL          the service's address, when --url is not given (else ${DEFAULT_URL})
  VERITRACE_API_KEY      the API key, when --api-key is not given: your brand's, the registrar's for \`brand add\`,
                         \`prefix\` and \`label-domain\`, a retailer's for \`item sell\`; \`verify\` needs none
  VERITRACE_TRUST_ROOTS  \`verify\`: the trust-roots file, when --roots is not given
  VERITRACE_DATA_DIR     \`verify\` with neither: the folder whose deployment-<chainId>.json records are the
                         trust roots (else ${DEFAULT_DATA_DIR})`;

/** `outcome.exitCode` is what a command that succeeded wants the process to exit with. */
export function createProgram(io: Io, outcome: { exitCode: ExitCode } = { exitCode: ExitCode.Ok }): Command {
  const program = new Command("veritrace")
    .description(
      "Register serialised batches on chain through the Veritrace service, print their signed QR labels, recall items, " +
        "authorise retailers, record first sales, and verify labels against the chain.",
    )
    .version(packageJson.version)
    .option("--url <url>", `the service's address (default: $VERITRACE_URL, else ${DEFAULT_URL})`)
    // No default shown: the key comes from the environment and must not be printed by --help.
    .option("--api-key <key>", "your API key (default: $VERITRACE_API_KEY)")
    .option("--json", "print the API's JSON on stdout: one document per command")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    // Settings above are copied to every subcommand made with .command() below.
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("afterAll", `\n${ENVIRONMENT_HELP}\n\n${EXIT_CODES_HELP}\n`);

  const sessionOf = sessionFactory(io, outcome);
  registerBrandCommands(program, sessionOf);
  registerPrefixCommands(program, sessionOf);
  registerLabelDomainCommands(program, sessionOf);
  registerSignerCommands(program, sessionOf);
  registerBatchCommands(program, sessionOf);
  registerItemCommands(program, sessionOf);
  registerRetailerCommands(program, sessionOf);
  registerVerifyCommand(program, sessionOf);
  registerShipmentCommands(program, sessionOf);
  registerCustomsCommands(program, sessionOf);
  registerRiskCommands(program, sessionOf);
  registerRegisterCommands(program, sessionOf);
  registerAlertCommands(program, sessionOf);
  registerLicencePartyCommands(program, sessionOf);
  registerWorkCommands(program, sessionOf);
  registerLicenceCommands(program, sessionOf);
  registerNoticeCommands(program, sessionOf);
  registerKeyCommands(program, sessionOf);
  return program;
}
