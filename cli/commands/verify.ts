/** `veritrace verify <code-uri|image.png>`: the verdict on a label, checked against the chain from here. */
import { existsSync } from "node:fs";
import { Option, type Command } from "commander";
import { ExitCode, verdictExitCode } from "../exit-codes.ts";
import { parseRpcUrl } from "../options.ts";
import { readQrImage } from "../qr-image.ts";
import type { SessionOf } from "../session.ts";
import { loadTrustRoots } from "../trust-roots.ts";
import { formatVerdict, verdictDocument } from "../verdict-format.ts";
import { verifyCode } from "../verify.ts";

type VerifyOptions = { rpc?: string; useServiceRpc?: boolean };

export function registerVerifyCommand(program: Command, sessionOf: SessionOf): void {
  program
    .command("verify")
    .description(
      "check a label against the chain of a deployment you trust: GENUINE, COUNTERFEIT, REVOKED, SUSPICIOUS or UNVERIFIED " +
        "(the service only supplies the proof and the scan history, and its network announcement picks among your trust roots)",
    )
    .argument("<code>", "the label's URI, or a PNG photo or scan of the label")
    .option(
      "--roots <file>",
      "the trust roots: a JSON document { \"version\": 1, \"roots\": [...] } (default: $VERITRACE_TRUST_ROOTS, else the deployment records in $VERITRACE_DATA_DIR or the project's data/)",
    )
    .addOption(
      new Option("--rpc <url>", "read the chain through this RPC (your own) instead of the trust root's").argParser(parseRpcUrl).conflicts("useServiceRpc"),
    )
    .option("--use-service-rpc", "allow reading the chain through the RPC the service announces (never used without this flag)")
    .action(async (code: string, options: VerifyOptions, command: Command) => {
      const { config, client, out, setExitCode } = sessionOf(command);
      // Before anything else: a bad roots file is a usage error, not a verdict.
      const { roots } = await loadTrustRoots(config.trustRoots);
      // A URI never names an existing file; a path that exists is an image to read.
      const uri = existsSync(code) ? await readQrImage(code) : code;
      const result = await verifyCode({ client, uri, roots, rpcUrl: options.rpc, useServiceRpc: options.useServiceRpc === true });
      out.result(verdictDocument(result), () => formatVerdict(result));
      const exitCode = verdictExitCode(result.verdict);
      if (exitCode !== ExitCode.Ok) setExitCode(exitCode);
    });
}
