/** Option parsers and options shared by several commands. */
import { InvalidArgumentError, Option } from "commander";
import { LABEL_FORMATS } from "./api-types.ts";

/** Digits only: the range (1 to the service's maximum) is the service's to check and to explain. */
export function parseCount(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError("must be a whole number, e.g. 1000");
  return Number(value);
}

export const formatOption = () =>
  new Option("--format <format>", "label format (default: from the --out extension; .zip means svg)").choices(LABEL_FORMATS);
