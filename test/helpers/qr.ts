/** Decodes a QR code from a PNG with jsQR: a decoder independent of the encoder that printed it. */
export { decodeQrPng } from "../../cli/qr-image.ts";
