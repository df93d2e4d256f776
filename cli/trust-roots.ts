/**
 * The deployments `verify` believes, read from where the configuration says (cli/config.ts) and validated
 * before any request: a trust-roots document, or the project's own deployment records as development roots.
 * They never come from the service: its `/api/v1/network` only picks among them.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseDeployment, PROTOCOL_VERSION, type Deployment } from "../core/deployment.ts";
import { VeritraceError } from "../core/errors.ts";
import { parseRoot, parseTrustRoots, rootFromDeployment, type TrustRoot } from "../core/trust-roots.ts";
import type { TrustRootsSource } from "./config.ts";
import { UsageError } from "./errors.ts";

/** What a root built from a deployment record is called: a development deployment, vouched for by nobody else. */
export const DEVELOPMENT_ROOT_NAME = "Local development deployment";

const DEPLOYMENT_RECORD = /^deployment-\d+\.json$/;

const HOW_TO_GIVE_ROOTS =
  'give them with --roots <file> or VERITRACE_TRUST_ROOTS=<file> (a JSON document { "version": 1, "roots": [...] }), ' +
  "or point VERITRACE_DATA_DIR to a folder with a deployment-<chainId>.json record";

export type LoadedTrustRoots = {
  roots: TrustRoot[];
  /** Where they were read from, for people: "roots.json (--roots)". */
  from: string;
};

export async function loadTrustRoots(source: TrustRootsSource): Promise<LoadedTrustRoots> {
  return source.kind === "file" ? rootsFromFile(source) : rootsFromDeployments(source);
}

async function rootsFromFile({ path: file, option }: Extract<TrustRootsSource, { kind: "file" }>): Promise<LoadedTrustRoots> {
  const text = await readText(file, option);
  const document = parseJson(text, `${file} (${option})`, option);
  try {
    return { roots: parseTrustRoots(document), from: `${file} (${option})` };
  } catch (error) {
    throw invalid(error, `${file} (${option})`, option);
  }
}

async function rootsFromDeployments({ dataDir, option }: Extract<TrustRootsSource, { kind: "deployments" }>): Promise<LoadedTrustRoots> {
  const where = option === "default" ? `the project's data folder ${dataDir}` : `${dataDir} (VERITRACE_DATA_DIR)`;
  let names: string[];
  try {
    names = (await readdir(dataDir)).filter((name) => DEPLOYMENT_RECORD.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw unreadable(error, dataDir, option === "default" ? "--roots" : option);
    names = [];
  }
  if (names.length === 0) {
    throw new UsageError(`no trust roots: ${where} holds no deployment record; ${HOW_TO_GIVE_ROOTS}`, { code: "NO_TRUST_ROOTS", field: "--roots" });
  }
  const roots: TrustRoot[] = [];
  for (const name of names) {
    const file = path.join(dataDir, name);
    const field = option === "default" ? "--roots" : option;
    const record = parseJson(await readText(file, field), file, field);
    let deployment: Deployment;
    try {
      deployment = parseDeployment(record);
    } catch (error) {
      throw invalid(error, file, field);
    }
    if ((deployment.protocol ?? 1) !== PROTOCOL_VERSION) {
      throw new UsageError(
        `trust roots: ${file} records a deployment of protocol ${deployment.protocol ?? 1}, which this verifier cannot check ` +
          `(it needs protocol ${PROTOCOL_VERSION}: brand names, GS1 company prefixes and label hosts on chain); start the service again ` +
          `on a fresh data folder, or ${HOW_TO_GIVE_ROOTS.replace(/^give them/, "give trust roots")}`,
        { code: "TRUST_ROOTS_INVALID", field },
      );
    }
    const rpcUrls = deployment.rpcUrl === undefined || deployment.rpcUrl === "" ? [] : [deployment.rpcUrl];
    try {
      // Through parseRoot, so that a hand-edited rpcUrl fails here like a bad roots file would.
      roots.push(parseRoot(rootFromDeployment(deployment, { name: DEVELOPMENT_ROOT_NAME, rpcUrls }), name));
    } catch (error) {
      throw invalid(error, file, field);
    }
  }
  return { roots, from: `the deployment records in ${where}` };
}

async function readText(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw unreadable(error, file, field);
  }
}

function parseJson(text: string, where: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`trust roots: ${where} is not JSON (${(error as Error).message})`, { code: "TRUST_ROOTS_INVALID", field, cause: error });
  }
}

function unreadable(error: unknown, file: string, field: string): UsageError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new UsageError(`trust roots: cannot read ${file} (${reason}); ${HOW_TO_GIVE_ROOTS}`, { code: "TRUST_ROOTS_UNREADABLE", field, cause: error });
}

/** core's message names the bad field ("roots[0].chainId is not a positive integer"); add the file it is in. */
function invalid(error: unknown, where: string, field: string): UsageError {
  if (!(error instanceof VeritraceError)) throw error;
  return new UsageError(`${error.message} (in ${where})`, { code: error.code, field, cause: error });
}
