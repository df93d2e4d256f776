import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { defineConfig } from "hardhat/config";

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
