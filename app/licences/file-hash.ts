/** A work's id is the SHA-256 of its file: computed here, in the browser, so the file never leaves the device. */
import { bytesToHex, type Hex } from "viem";

export async function sha256OfFile(file: Blob): Promise<Hex> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer())));
}
