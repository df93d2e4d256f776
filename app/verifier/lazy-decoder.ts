/**
 * The QR decoders (zxing-wasm and jsQR, over half of the page's script, and a megabyte of WebAssembly)
 * loaded only once the page asks for them: a shopper who arrives from a label's link needs none of it for
 * the verdict, and on a slow link those bytes would compete with the verdict's own requests. The served
 * build makes the import a chunk of its own; the static build (one pinned file) keeps it inside the bundle.
 */
import type { Decoder } from "./decoder.ts";

export type LazyDecoder = Decoder & {
  /** Starts loading (and compiling) the decoders now, so that the first camera frame does not wait. */
  warm(): void;
  /** A photo as pixels, from the same chunk. */
  imageDataOf(file: Blob): Promise<ImageData>;
};

export function createLazyDecoder(): LazyDecoder {
  let loaded: Promise<{ decoder: Decoder; imageDataOf: (file: Blob) => Promise<ImageData> }> | undefined;
  const load = () =>
    (loaded ??= import("./decoder.ts").then(
      (module) => ({ decoder: module.createDecoder(), imageDataOf: module.imageDataOf }),
      (error: unknown) => {
        // A chunk that could not be fetched (offline before the worker kept it) is asked for again next time.
        loaded = undefined;
        throw error;
      },
    ));
  return {
    warm() {
      void load();
    },
    async decodeImageData(image) {
      return (await load()).decoder.decodeImageData(image);
    },
    async imageDataOf(file) {
      return (await load()).imageDataOf(file);
    },
  };
}
