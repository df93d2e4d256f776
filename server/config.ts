/**
 * The one place that reads the environment: every setting, validated once at start-up. A bad value stops
 * the process with a message naming the variable, instead of failing later somewhere deep.
 */
import path from "node:path";
import { isAddress, type Address, type Hex } from "viem";
import { z } from "zod";

const privateKey = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 32-byte hex private key (0x followed by 64 hex digits)")
  .transform((v) => v as Hex);
const address = z
  .string()
  .refine((v) => isAddress(v), "must be a 0x-prefixed 20-byte address")
  .transform((v) => v as Address);

const schema = z
  .object({
    DATA_DIR: z.string().min(1).default("data"),
    RPC_URL: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
    DEPLOYER_KEY: privateKey.optional(),
    GOVERNANCE_ADDRESS: address.optional(),
    REGISTRAR_ADDRESS: address.optional(),
    CHAIN_PORT: z.coerce.number().int().min(1).max(65_535).default(8545),
  })
  .refine((env) => env.RPC_URL === undefined || env.DEPLOYER_KEY !== undefined, {
    message: "is required with RPC_URL: the key that deploys the registry on that chain",
    path: ["DEPLOYER_KEY"],
  });

export type Config = {
  /** Absolute path of the folder that holds the chain state, the deployment record and the database. */
  dataDir: string;
  /** The chain to use; undefined: start a local anvil chain in the data folder. */
  rpcUrl: string | undefined;
  deployerKey: Hex | undefined;
  governance: Address | undefined;
  registrar: Address | undefined;
  /** The port of the local chain (when no RPC_URL is given). */
  chainPort: number;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.DATA_DIR),
    rpcUrl: e.RPC_URL,
    deployerKey: e.DEPLOYER_KEY,
    governance: e.GOVERNANCE_ADDRESS,
    registrar: e.REGISTRAR_ADDRESS,
    chainPort: e.CHAIN_PORT,
  };
}
