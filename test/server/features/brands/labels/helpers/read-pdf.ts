import zlib from "node:zlib";
import type { ModuleRect } from "./decode-qr.ts";

type PdfObject = { dictionary: string; stream: Buffer | undefined };

/**
 * Just enough of a PDF reader for the label sheets pdfkit writes: objects, FlateDecode streams,
 * pages with their content and form XObjects, and the text shown by TJ operators (pdfkit writes
 * standard-font text as hex strings).
 */
export class PdfReader {
  readonly objects = new Map<number, PdfObject>();

  constructor(pdf: Buffer) {
    const text = pdf.toString("latin1");
    for (const [, id, body] of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)endobj/g)) {
      const at = body!.indexOf("stream\n");
      if (at === -1) {
        this.objects.set(Number(id), { dictionary: body!, stream: undefined });
        continue;
      }
      const dictionary = body!.slice(0, at);
      let stream = Buffer.from(body!.slice(at + "stream\n".length, body!.lastIndexOf("\nendstream")), "latin1");
      if (/\/Filter \/FlateDecode/.test(dictionary)) stream = zlib.inflateSync(stream);
      this.objects.set(Number(id), { dictionary, stream });
    }
  }

  /** Page objects in document order (the order of /Kids in the page tree). */
  pages(): PdfObject[] {
    const tree = [...this.objects.values()].find((object) => /\/Type \/Pages\b/.test(object.dictionary));
    const kids = /\/Kids \[([^\]]*)\]/.exec(tree?.dictionary ?? "")?.[1] ?? "";
    return [...kids.matchAll(/(\d+) 0 R/g)].map(([, id]) => this.objects.get(Number(id))!);
  }

  pageCount(): number {
    return Number(/\/Count (\d+)/.exec([...this.objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dictionary))!.dictionary)![1]);
  }

  content(page: PdfObject): string {
    return this.#referenced(page, "Contents").stream!.toString("latin1");
  }

  /** Text strings shown on a page (hex strings, by Tj or TJ), in drawing order. */
  texts(page: PdfObject): string[] {
    return [...this.content(page).matchAll(/<([0-9a-fA-F]*)> Tj|\[([^\]]*)\] TJ/g)].map(([, single, array]) =>
      [...(single === undefined ? array! : `<${single}>`).matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1")).join(""),
    );
  }

  /** The fonts a page's resources name, by resource name: their BaseFont. */
  fonts(page: PdfObject): Record<string, string> {
    const resources = this.#referenced(page, "Resources").dictionary;
    const fonts = /\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? "";
    return Object.fromEntries(
      [...fonts.matchAll(/\/(\w+) (\d+) 0 R/g)].map(([, name, id]) => [name!, /\/BaseFont \/(\w+)/.exec(this.objects.get(Number(id))!.dictionary)?.[1] ?? ""]),
    );
  }

  /** Each QR form drawn on a page: its side in modules and its rectangles, in drawing order. */
  forms(page: PdfObject): Array<{ side: number; rects: ModuleRect[] }> {
    const resources = this.#referenced(page, "Resources").dictionary;
    const content = this.content(page);
    return [...content.matchAll(/\/(\w+) Do/g)].map(([, name]) => {
      const id = Number(new RegExp(`/${name} (\\d+) 0 R`).exec(resources)![1]);
      const form = this.objects.get(id)!;
      const side = Number(/\/BBox \[0 0 (\d+) \d+\]/.exec(form.dictionary)![1]);
      const rects = [...form.stream!.toString("latin1").matchAll(/(\d+) (\d+) (\d+) (\d+) re/g)].map(([, x, y, width, height]) => ({
        x: Number(x),
        y: Number(y),
        width: Number(width),
        height: Number(height),
      }));
      return { side, rects };
    });
  }

  #referenced(page: PdfObject, key: string): PdfObject {
    const id = Number(new RegExp(`/${key} (\\d+) 0 R`).exec(page.dictionary)![1]);
    return this.objects.get(id)!;
  }
}
