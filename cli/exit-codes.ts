/**
 * The process exit codes: scripts branch on the class of failure (fix the command, fix the request,
 * retry later) without parsing messages.
 */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  Client: 3,
  Server: 4,
  /** `verify` ran and the item is not GENUINE (the verdict says which and why). */
  NotGenuine: 5,
  /** `verify` ran and the item is GENUINE but past its expiry date (AI 17): authentic, not to be sold or used. */
  Expired: 6,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  any other failure: a batch that failed to anchor, a local file that cannot be read or written
  2  usage error: unknown command or option, missing or invalid argument, no API key given
  3  the service refused the request (HTTP 4xx); the error code on stderr says why
  4  the service failed or could not be reached (HTTP 5xx, connection refused, download cut off)
  5  verify: the item is not GENUINE (COUNTERFEIT, REVOKED, SUSPICIOUS or UNVERIFIED)
  6  verify: the item is GENUINE but past its expiry date: do not sell or use it`;

/** `verify`'s exit code for a verdict: a verdict other than GENUINE wins over expiry. */
export function verdictExitCode(verdict: { verdict: string; expiry?: { expired: boolean } | undefined }): ExitCode {
  if (verdict.verdict !== "GENUINE") return ExitCode.NotGenuine;
  return verdict.expiry?.expired === true ? ExitCode.Expired : ExitCode.Ok;
}
