/**
 * A contract's custom errors as the API's answers: a status, a stable code and the request field at fault.
 * A registry call is simulated before it is sent; a refusal found there becomes the AppError its table
 * names, so the caller learns what is wrong and nothing is sent.
 */
import { BaseError, ContractFunctionRevertedError } from "viem";
import { AppError } from "../errors.ts";

export type RefusalTable = Record<string, { status: number; code: string; field?: string }>;

/** The AppError for a revert `table` names, or undefined (another error, or a revert it does not know). */
export function refusalOf(contract: string, table: RefusalTable, error: unknown): AppError | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || reverted.data?.errorName === undefined) return undefined;
  const { errorName } = reverted.data;
  const entry = table[errorName];
  if (entry === undefined) return undefined;
  const shown = ((reverted.data.args ?? []) as readonly unknown[]).map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
  return new AppError(`The ${contract} refused it: ${errorName}(${shown})`, { ...entry, cause: error });
}
