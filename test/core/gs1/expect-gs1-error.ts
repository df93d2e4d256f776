import { expect } from "chai";
import { VeritraceError } from "../../../core/errors.ts";

export type ExpectedGs1Error = {
  code: string;
  field: string;
  /** Fragments the message must contain, such as "AI (21)" and the offending character. */
  mentions?: string[];
};

/** Runs `action` and asserts the VeritraceError it throws: code, field and what the message names. */
export function expectGs1Error(action: () => unknown, { code, field, mentions = [] }: ExpectedGs1Error): VeritraceError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected a VeritraceError to be thrown").to.be.instanceOf(VeritraceError);
  const error = thrown as VeritraceError;
  expect(error.code, error.message).to.equal(code);
  expect(error.field, error.message).to.equal(field);
  for (const fragment of mentions) expect(error.message).to.include(fragment);
  return error;
}
