/**
 * One case of the issuance benchmark, run in a child process by `issuance.ts`:
 *
 *   node scripts/bench/issuance-case.ts <case> <items>
 *
 * pipeline   ours: serials, then `issueBatch` (worker pool: id, leaf, signature), and the label URI of
 *            every item on the main thread as the labels would be built
 * baseline   the same items one at a time on one thread, signed with viem's `signTypedData`
 * sign       the pipeline's signer (`signCompactInto`: native libsecp256k1, else WebAssembly) alone on one thread
 * keccak     keccak-256 of 64 bytes, @noble/hashes and hash-wasm
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { signCompactInto } from "../../server/features/brands/issuance/compact-signer.ts";
import { hexToBytes, parseSignature, serializeCompactSignature, signatureToCompactSignature, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { itemTypedData, registryDomain } from "../../core/eip712.ts";
import { buildDigitalLink } from "../../core/gs1/index.ts";
import { batchIdOf, brandIdOf, itemIdOf, leafOf } from "../../core/ids.ts";
import { encodeSignature } from "../../core/signature.ts";
import { closeIssuance, createKeccak256, generateSerials, issueBatch } from "../../server/features/brands/issuance/index.ts";
import { peakRssMiB } from "./child-case.ts";

const KEY: Hex = "0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
const BASE = "https://id.veritrace.example";
const GTIN = "09506000134352";
const LOT = "L2611";
const EXPIRY = 270228;
const domain = registryDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
const brandId = brandIdOf("Bench brand");

const [name, countArgument] = process.argv.slice(2);
const count = Number(countArgument);

async function pipeline(): Promise<Record<string, number>> {
  const batch = { domain, brandId, gtin: GTIN, lot: LOT, expiry: EXPIRY, signerKey: KEY };
  // Starting the workers (loading modules, compiling WebAssembly) is once per service, not per batch.
  for await (const _ of issueBatch({ ...batch, serials: generateSerials(2_000), chunkSize: 1_000 }));
  const started = performance.now();
  // Process CPU time covers every thread: the workers' and the main thread's share of each item.
  const cpuStarted = process.cpuUsage();
  const serials = generateSerials(count);
  let uriCharacters = 0;
  for await (const chunk of issueBatch({ ...batch, serials })) {
    const items = chunk.leaves.length / 32;
    for (let i = 0; i < items; i++) {
      const code = { gtin: GTIN, lot: LOT, serial: serials[chunk.start + i]!, expiry: EXPIRY };
      const signature = encodeSignature(chunk.signatures.subarray(i * 64, i * 64 + 64));
      uriCharacters += buildDigitalLink({ base: BASE, code, signature }).length;
    }
    if ((chunk.start + items) % 50_000 === 0 || chunk.start + items === count) {
      process.stderr.write(`  pipeline: ${(chunk.start + items).toLocaleString("en")} / ${count.toLocaleString("en")} items\n`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  await closeIssuance();
  return { itemsPerSecond: count / seconds, seconds, cpuMicrosecondsPerItem: (cpu.user + cpu.system) / count, uriCharacters };
}

async function baseline(): Promise<Record<string, number>> {
  const account = privateKeyToAccount(KEY);
  const batchId = batchIdOf(brandId, GTIN, LOT);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let uriCharacters = 0;
  for (const serial of generateSerials(count)) {
    const code = { gtin: GTIN, lot: LOT, serial, expiry: EXPIRY };
    leafOf(itemIdOf(batchId, serial), EXPIRY);
    const signature = await account.signTypedData(itemTypedData(domain, code));
    const compact = hexToBytes(serializeCompactSignature(signatureToCompactSignature(parseSignature(signature))));
    uriCharacters += buildDigitalLink({ base: BASE, code, signature: encodeSignature(compact) }).length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  return { itemsPerSecond: count / seconds, seconds, cpuMicrosecondsPerItem: (cpu.user + cpu.system) / count, uriCharacters };
}

function sign(): Record<string, number> {
  const key = hexToBytes(KEY);
  const digest = new Uint8Array(32);
  const out = new Uint8Array(64);
  const run = (n: number) => {
    for (let i = 0; i < n; i++) {
      new DataView(digest.buffer).setUint32(0, i);
      signCompactInto(digest, key, out, 0);
    }
  };
  run(2_000);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  run(count);
  const cpu = process.cpuUsage(cpuStarted);
  return {
    signaturesPerSecond: count / ((performance.now() - started) / 1000),
    cpuMicrosecondsPerSignature: (cpu.user + cpu.system) / count,
  };
}

async function keccak(): Promise<Record<string, number>> {
  const input = crypto.getRandomValues(new Uint8Array(64));
  const output = new Uint8Array(32);
  const { into } = await createKeccak256();
  const time = (hash: () => void) => {
    for (let i = 0; i < 20_000; i++) hash();
    const started = performance.now();
    for (let i = 0; i < count; i++) hash();
    return ((performance.now() - started) * 1000) / count;
  };
  return { nobleMicroseconds: time(() => keccak_256(input)), hashWasmMicroseconds: time(() => into(input, 0, 64, output, 0)) };
}

const cases: Record<string, () => Record<string, number> | Promise<Record<string, number>>> = { pipeline, baseline, sign, keccak };
const measure = cases[name ?? ""];
if (measure === undefined || !Number.isSafeInteger(count) || count < 1) {
  throw new Error(`usage: issuance-case.ts <${Object.keys(cases).join("|")}> <items>`);
}
const result = await measure();
console.log(JSON.stringify({ ...result, peakRssMiB: peakRssMiB() }));
