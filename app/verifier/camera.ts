/**
 * Scanning with the camera: the back camera when there is one, every new frame handed to the decoder
 * (one at a time: a slow phone skips frames rather than queueing them), stopped as soon as a code is read,
 * or, for the customs mode, kept running and handing over every code read (the caller drops repeats).
 */
import { t } from "../i18n/i18n.ts";
import type { Decoder } from "./decoder.ts";
import { cancelScanMarks, markDecoded, markFirstFrame } from "./perf-marks.ts";

export type CameraScanner = { start(): Promise<void>; stop(): void; readonly running: boolean };

export type CameraScannerParameters = {
  video: HTMLVideoElement;
  decoder: Decoder;
  onCode(text: string): void;
  /** Keep scanning after a code: `onCode` is then called for every frame a code is read in. */
  continuous?: boolean;
};

export class CameraError extends Error {
  override name = "CameraError";
}

export function createCameraScanner({ video, decoder, onCode, continuous = false }: CameraScannerParameters): CameraScanner {
  let stream: MediaStream | undefined;
  let canvas: OffscreenCanvas | undefined;

  const stop = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.srcObject = null;
    cancelScanMarks();
  };

  const grab = (): ImageData | undefined => {
    const { videoWidth: width, videoHeight: height } = video;
    if (width === 0 || height === 0) return undefined;
    if (!canvas || canvas.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };

  const nextFrame = (callback: () => void) => {
    if ("requestVideoFrameCallback" in video) video.requestVideoFrameCallback(callback);
    else requestAnimationFrame(callback);
  };

  const onFrame = async () => {
    const current = stream;
    if (current === undefined) return;
    const image = grab();
    if (image !== undefined) {
      markFirstFrame();
      const text = await decoder.decodeImageData(image).catch(() => undefined);
      if (stream !== current) return;
      if (text !== undefined && continuous) onCode(text);
      else if (text !== undefined) {
        markDecoded();
        for (const track of current.getTracks()) track.stop();
        stream = undefined;
        video.srcObject = null;
        onCode(text);
        return;
      }
    }
    nextFrame(() => void onFrame());
  };

  return {
    get running() {
      return stream !== undefined;
    },
    async start() {
      if (stream) return;
      if (!navigator.mediaDevices?.getUserMedia) throw new CameraError(t("camera.unsupported"));
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 } }, audio: false });
      } catch (cause) {
        const denied = cause instanceof DOMException && cause.name === "NotAllowedError";
        throw new CameraError(
          denied
            ? t("camera.refused")
            : t("camera.none"),
          { cause },
        );
      }
      video.srcObject = stream;
      await video.play();
      nextFrame(() => void onFrame());
    },
    stop,
  };
}
