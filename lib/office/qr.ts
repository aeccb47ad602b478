// A QR code of a (short) URL as an SVG document, drawn by the `qrcode` library without canvas.
// Bounded: the input is capped well below a QR code's capacity.
import QRCode from "qrcode";

export const MAX_QR_TEXT = 1000;

export async function qrSvg(text: string): Promise<string> {
  if (text.length > MAX_QR_TEXT) throw new Error("text too long for a QR code");
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

/** The SVG as a data: URL for an <img> (the CSP allows data: images; no inline markup needed). */
export async function qrDataUrl(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text), "utf8").toString("base64")}`;
}
