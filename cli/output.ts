/**
 * Where results go. With `--json` stdout carries exactly one JSON document (the API's answer) so it can be
 * piped to `jq`; people get text. Notes and progress go to stderr and never mix into the result.
 */
import type { Writable } from "node:stream";

export type Io = {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
};

export type Output = {
  readonly json: boolean;
  /** The command's one result: `document` under --json, otherwise `text()`. */
  result(document: unknown, text: () => string): void;
  /** A line for people on stderr; silent under --json. */
  note(line: string): void;
  /** Whether a live progress bar can be drawn on stderr. */
  readonly interactive: boolean;
};

export function createOutput(io: Io, json: boolean): Output {
  return {
    json,
    interactive: !json && io.stderr.isTTY === true,
    result(document, text) {
      io.stdout.write(json ? `${JSON.stringify(document, null, 2)}\n` : `${text()}\n`);
    },
    note(line) {
      if (!json) io.stderr.write(`${line}\n`);
    },
  };
}
