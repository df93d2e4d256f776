import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download compilers on these machines: the WebAssembly build from the
// npm package `solc`, pinned exactly in package.json, is the compiler.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.28";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 1_000 },
      evmVersion: "cancun",
    },
  },
  networks: {
    // The consortium's chain: `npx hardhat ignition deploy ignition/modules/Veritrace.ts --network consortium`.
    // scripts/deploy.ts connects to it with the URL and key the service was given, overriding both.
    consortium: {
      type: "http",
      chainType: "l1",
      url: configVariable("VERITRACE_RPC_URL"),
      accounts: [configVariable("VERITRACE_DEPLOYER_KEY")],
    },
  },
  // `npx hardhat verify --network consortium <address> <governance> <registrar>`, or `--verify` on
  // `ignition deploy`: Sourcify needs nothing; Etherscan (and its family) needs ETHERSCAN_API_KEY; an explorer
  // Hardhat does not know is added under `chainDescriptors` (docs/deployment.md).
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
    blockscout: { enabled: true },
    sourcify: { enabled: true },
  },
  paths: {
    tests: {
      mocha: "test",
      solidity: "test/contracts",
    },
  },
  test: {
    solidity: {
      fuzz: { runs: 512 },
    },
    mocha: {
      timeout: 120_000,
    },
  },
  typechain: {
    outDir: "types/typechain",
    // Generated code is not ours to lint: it declares type-only namespaces, which erasableSyntaxOnly flags.
    tsNocheck: true,
  },
});
