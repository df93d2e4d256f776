/** `veritrace item <verb>`: one item's status, named by its label URI or by batch and serial. */
import type { Command } from "commander";
import type { SessionOf } from "../session.ts";
import { registerStatusCommands } from "./status.ts";

export function registerItemCommands(program: Command, sessionOf: SessionOf): void {
  const item = program.command("item").description("recall, flag or restore one item");
  registerStatusCommands(item, sessionOf, "item");
}
