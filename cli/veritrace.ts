#!/usr/bin/env node
/** The `veritrace` command. Everything lives in main.ts, so tests can run it without a process. */
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2));
