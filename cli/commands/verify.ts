/** `veritrace verify <code-uri|image.png>`: the verdict on a label, checked against the chain from here. */
import { existsSync } from "node:fs";
import { Option, type Command } from "commander";
import { UsageError } from "../errors.ts";
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
    .argument("<code>", "the label's URI, or a PNG or JPEG photo or scan of the label")
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
      const uri = looksLikeFile(code) ? await readQrImage(code) : code;
      const result = await verifyCode({ client, uri, roots, rpcUrl: options.rpc, useServiceRpc: options.useServiceRpc === true });
      out.result(verdictDocument(result), () => formatVerdict(result));
      const exitCode = verdictExitCode(result.verdict);
      if (exitCode !== ExitCode.Ok) setExitCode(exitCode);
    });
}

/** A URI starts with its scheme; an image extension or a path separator without one means a file was meant. */
const URI_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const IMAGE_NAME = /\.(png|jpe?g|gif|webp|heic|heif|bmp|tiff?)$/i;

/**
 * Whether the argument names an image file: one that exists, or one the user evidently meant (so that a
 * mistyped file name is a usage error naming it, not a verdict on the text of its name).
 */
function looksLikeFile(code: string): boolean {
  if (existsSync(code)) return true;
  if (URI_SCHEME.test(code) || !(IMAGE_NAME.test(code) || /[\\/]/.test(code))) return false;
  throw new UsageError(`no such file: ${code} (give a label's URI, https://…, or a PNG or JPEG image of the label)`, { code: "FILE_NOT_FOUND", field: "code" });
}
