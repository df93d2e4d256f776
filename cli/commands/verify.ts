/** `veritrace verify <code-uri|image.png>`: the verdict on a label, checked against the chain from here. */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.ts";
import { readQrImage } from "../qr-image.ts";
import type { SessionOf } from "../session.ts";
import { formatVerdict, verdictDocument } from "../verdict-format.ts";
import { verifyCode } from "../verify.ts";

export function registerVerifyCommand(program: Command, sessionOf: SessionOf): void {
  program
    .command("verify")
    .description("check a label against the chain: GENUINE, COUNTERFEIT, REVOKED, SUSPICIOUS or UNVERIFIED")
    .argument("<code>", "the label's URI, or a PNG photo or scan of the label")
    .option("--rpc <url>", "read the chain through this RPC instead of the one the service announces")
    .action(async (code: string, options: { rpc?: string }, command: Command) => {
      const { client, out, setExitCode } = sessionOf(command);
      // A URI never names an existing file; a path that exists is an image to read.
      const uri = existsSync(code) ? await readQrImage(code) : code;
      const result = await verifyCode(client, uri, { rpcUrl: options.rpc });
      out.result(verdictDocument(result), () => formatVerdict(result));
      if (result.verdict.verdict !== "GENUINE") setExitCode(ExitCode.NotGenuine);
    });
}
