// Reading a PDF (issue 15 §5): pdfjs-dist (Mozilla's PDF.js, pure JavaScript) gives each page's
// positioned text and its drawing operators; the ruled lines are taken from the paths, with the
// transformation matrix tracked through save/restore; pdf/layout.ts rebuilds paragraphs and
// tables from the geometry. The result is the common source model, imported like any other kind.
//
// Bounds (untrusted files): at most MAX_PDF_BYTES, MAX_PDF_PAGES pages, MAX_ITEMS_PER_PAGE text
// items per page, and PDF_TIME_LIMIT_MS for reading all pages — beyond, a Chinese refusal. On the
// server the whole import also runs in its worker thread with its own time and memory limits.
// pdfjs runs without eval (isEvalSupported: false), without fonts being loaded for display, and
// with its "worker" in this thread (pdf.worker.mjs imported directly: no worker file to find).

import type { SourceDoc } from "../source";
import { MAX_SEGMENTS_PER_PAGE, layoutPages, type PageContent, type Segment, type TextItem } from "./layout";

export const MAX_PDF_BYTES = 20 * 1024 * 1024;
export const MAX_PDF_PAGES = 100;
export const MAX_ITEMS_PER_PAGE = 20_000;
export const PDF_TIME_LIMIT_MS = 15_000;

export class PdfError extends Error {}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  // n applied first, then m (PDF's `cm` pre-multiplies the current matrix).
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

// pdfjs's path encoding (DrawOPS in pdf.mjs): moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4.
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** Axis-parallel segments of a path; a thin filled rectangle (a rule drawn as a bar) is one segment. */
function pathSegments(path: ArrayLike<number>, ctm: Matrix, filled: boolean, out: Segment[]): void {
  const pts: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let i = 0; i < path.length; ) {
    const op = path[i]!;
    if (op === MOVE) {
      if (cur.length) pts.push(cur);
      cur = [apply(ctm, path[i + 1]!, path[i + 2]!)];
      i += 3;
    } else if (op === LINE) {
      cur.push(apply(ctm, path[i + 1]!, path[i + 2]!));
      i += 3;
    } else if (op === CURVE) {
      cur.push(apply(ctm, path[i + 5]!, path[i + 6]!));
      i += 7;
    } else if (op === QUAD) {
      cur.push(apply(ctm, path[i + 3]!, path[i + 4]!));
      i += 5;
    } else if (op === CLOSE) {
      if (cur.length) cur.push(cur[0]!);
      i += 1;
    } else return; // unknown encoding: no rules from this path
  }
  if (cur.length) pts.push(cur);
  for (const poly of pts) {
    const xs = poly.map((p) => p[0]);
    const ys = poly.map((p) => p[1]);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    if (filled) {
      // A bar: thin in one direction, long in the other.
      if (h <= 2.5 && w > 3) out.push({ dir: "h", at: (Math.max(...ys) + Math.min(...ys)) / 2, from: Math.min(...xs), to: Math.max(...xs) });
      else if (w <= 2.5 && h > 3) out.push({ dir: "v", at: (Math.max(...xs) + Math.min(...xs)) / 2, from: Math.min(...ys), to: Math.max(...ys) });
      // A larger filled shape (page background, a shaded cell) is not a rule.
      continue;
    }
    for (let k = 1; k < poly.length; k++) {
      const [x1, y1] = poly[k - 1]!;
      const [x2, y2] = poly[k]!;
      if (Math.abs(y1 - y2) <= 0.5 && Math.abs(x1 - x2) > 3) out.push({ dir: "h", at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
      else if (Math.abs(x1 - x2) <= 0.5 && Math.abs(y1 - y2) > 3) out.push({ dir: "v", at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
    }
  }
}

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfjsWorker = typeof import("pdfjs-dist/legacy/build/pdf.worker.mjs");

/** Set (to true) by the CLI build (scripts/build-cli.mjs): the CommonJS bundle loads pdfjs with require(). */
declare const __NIANBAO_CJS_BUNDLE__: boolean | undefined;

let loaded: Promise<Pdfjs> | undefined;

/**
 * pdfjs with its worker code in this thread (set before the first document is opened). The CLI's
 * bundle runs from a V8 code cache, where import() is not available: there the ESM package is
 * loaded with require() (Node ≥ 20.19 loads ES modules so); everywhere else with import().
 */
function loadPdfjs(): Promise<Pdfjs> {
  loaded ??= (async () => {
    const cjs = typeof __NIANBAO_CJS_BUNDLE__ !== "undefined" && __NIANBAO_CJS_BUNDLE__;
    const worker: PdfjsWorker = cjs ? require("pdfjs-dist/legacy/build/pdf.worker.mjs") : await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return cjs ? (require("pdfjs-dist/legacy/build/pdf.mjs") as Pdfjs) : await import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return loaded;
}

/** The paragraphs and tables of a PDF, in reading order. Throws PdfError (Chinese) for what cannot be read. */
export async function readPdf(bytes: Uint8Array): Promise<SourceDoc> {
  if (bytes.length > MAX_PDF_BYTES) throw new PdfError(`PDF 文件超过 ${MAX_PDF_BYTES / 1024 / 1024} MB，无法导入`);
  const pdfjs = await loadPdfjs();
  const started = Date.now(); // after loading pdfjs (a one-time cost per worker)
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes ownership of (detaches) the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "PasswordException") throw new PdfError("PDF 文件设有密码，无法读取：请导入未加密的文件");
    throw new PdfError("无法读取该 PDF 文件（文件损坏或不是 PDF）");
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new PdfError(`PDF 共 ${doc.numPages} 页，超过可导入的 ${MAX_PDF_PAGES} 页`);
    const pages: PageContent[] = [];
    const ops = pdfjs.OPS;
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - started > PDF_TIME_LIMIT_MS) throw new PdfError(`PDF 内容过于复杂，${PDF_TIME_LIMIT_MS / 1000} 秒内未能读完，无法导入`);
      const page = await doc.getPage(n);
      const [vx1, vy1, vx2, vy2] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      if (content.items.length > MAX_ITEMS_PER_PAGE) throw new PdfError(`PDF 第 ${n} 页的文字片段超过 ${MAX_ITEMS_PER_PAGE} 个，无法导入`);
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!("str" in it)) continue;
        const [a, b, , d, e, f] = it.transform as number[];
        const size = Math.hypot(a!, b!) || Math.abs(d!) || 1;
        if (Math.abs(b!) > 0.01) continue; // rotated text (stamps, watermarks) is not report text
        items.push({ str: it.str, x: e! - vx1, y: f! - vy1, width: it.width, size });
      }
      const segments: Segment[] = [];
      const list = await page.getOperatorList();
      let ctm: Matrix = [1, 0, 0, 1, -vx1, -vy1];
      const stack: Matrix[] = [];
      for (let i = 0; i < list.fnArray.length; i++) {
        const fn = list.fnArray[i];
        const args = list.argsArray[i] as unknown[];
        if (fn === ops.save) stack.push(ctm);
        else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
        else if (fn === ops.transform) ctm = multiply(ctm, args as Matrix);
        else if (fn === ops.constructPath) {
          if (segments.length > MAX_SEGMENTS_PER_PAGE) continue; // the page keeps no rules anyway
          const drawOp = args[0] as number;
          const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
          if (!data) continue;
          const filled = drawOp === ops.fill || drawOp === ops.eoFill;
          const stroked = drawOp === ops.stroke || drawOp === ops.closeStroke;
          if (filled || stroked || drawOp === ops.fillStroke || drawOp === ops.eoFillStroke) pathSegments(data, ctm, filled, segments);
        }
      }
      // Beyond the cap a page keeps its text but no tables (layout.ts): its rules are not kept.
      pages.push({ number: n, width: vx2 - vx1, height: vy2 - vy1, items, segments: segments.length <= MAX_SEGMENTS_PER_PAGE ? segments : [] });
      page.cleanup();
    }
    return { kind: "pdf", blocks: layoutPages(pages) };
  } finally {
    await doc.destroy();
  }
}
