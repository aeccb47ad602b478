// LibreOffice + poppler for the tests that look at the printed .docx: conversion to PDF with the
// project's font aliases, text extraction, fonts, page images. Node-only (child processes).
//
// These tools are Debian packages that `npm test` installs first (scripts/system-deps.mjs). When
// one is missing the tests must FAIL and say which package to install — a skipped layout test
// would let a broken .docx pass unnoticed.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fontconfig file that maps the .docx's Chinese font names to installed open fonts. */
export const FONTCONFIG_FILE = fileURLToPath(new URL("../docx/fonts/zh-fonts.conf", import.meta.url));

/** Debian packages the PDF tests need, with what each provides. */
export const PDF_TEST_PACKAGES: readonly { pkg: string; provides: string }[] = [
  { pkg: "libreoffice-writer-nogui", provides: "soffice（.docx → PDF）" },
  { pkg: "poppler-utils", provides: "pdftotext、pdffonts、pdftoppm、pdfinfo" },
  { pkg: "fonts-noto-cjk", provides: "Noto Sans/Serif CJK SC（黑体、宋体、小标宋的替代字体）" },
  { pkg: "fonts-arphic-ukai", provides: "AR PL UKai CN（楷体的替代字体）" },
  { pkg: "fonts-arphic-uming", provides: "AR PL UMing CN（仿宋的替代字体）" },
];

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(cmd, args, { encoding: "utf8", env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });

const hasCommand = (cmd: string) => run("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** The family fontconfig picks for `name` under our alias file. */
export function fcMatch(name: string): string {
  const r = run("fc-match", ["-f", "%{family[0]}", `${name}:lang=zh-cn`], { ...process.env, FONTCONFIG_FILE });
  return r.status === 0 ? r.stdout.trim() : "";
}

/** Packages whose tool or font is missing (empty when everything is there). */
export function missingPdfTestPackages(): string[] {
  const missing = new Set<string>();
  if (!hasCommand("soffice")) missing.add("libreoffice-writer-nogui");
  for (const tool of ["pdftotext", "pdffonts", "pdftoppm", "pdfinfo"]) if (!hasCommand(tool)) missing.add("poppler-utils");
  if (!hasCommand("fc-match")) missing.add("fontconfig");
  else {
    if (!/Noto Sans CJK SC/.test(fcMatch("黑体"))) missing.add("fonts-noto-cjk");
    if (!/UKai|FandolKai/.test(fcMatch("楷体_GB2312"))) missing.add("fonts-arphic-ukai");
    if (!/UMing|FandolFang/.test(fcMatch("仿宋_GB2312"))) missing.add("fonts-arphic-uming");
  }
  return [...missing];
}

/** Throws a message naming the Debian packages to install, unless all are present. */
export function requirePdfTools(): void {
  const missing = missingPdfTestPackages();
  if (missing.length === 0) return;
  throw new Error(
    `缺少生成 PDF 所需的系统软件包：${missing.join(" ")}\n` +
      `请安装：apt-get update && apt-get install -y --no-install-recommends ${[...new Set([...PDF_TEST_PACKAGES.map((p) => p.pkg), ...missing])].join(" ")}\n` +
      `(Missing Debian packages for the .docx → PDF tests: ${missing.join(", ")}. \`npm test\` installs them when run as root.)`,
  );
}

/**
 * .docx → PDF with LibreOffice. Each conversion gets its own profile directory: two conversions
 * sharing one profile silently produce no file (toolchain.md pitfall P7).
 */
export function docxToPdf(docx: Uint8Array, outDir: string, name: string): string {
  const src = join(outDir, `${name}.docx`);
  writeFileSync(src, docx);
  const profile = mkdtempSync(join(tmpdir(), "lo-nianbao-"));
  try {
    const r = run(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, src],
      { ...process.env, FONTCONFIG_FILE },
    );
    const pdf = join(outDir, `${name}.pdf`);
    if (r.status !== 0 || !existsSync(pdf)) {
      throw new Error(`soffice could not convert ${src} (exit ${r.status}): ${r.stderr || r.error?.message || ""}`);
    }
    return pdf;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function ok(r: ReturnType<typeof run>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Text in content-stream order: LibreOffice paints table cells one by one, so a wrapped label stays together. */
export const pdfRawText = (pdf: string) => ok(run("pdftotext", ["-raw", pdf, "-"]), "pdftotext -raw");
/** Text laid out as on the page. */
export const pdfLayoutText = (pdf: string) => ok(run("pdftotext", ["-layout", pdf, "-"]), "pdftotext -layout");
export const pdfFonts = (pdf: string) => ok(run("pdffonts", [pdf]), "pdffonts");

export function pdfPageCount(pdf: string): number {
  const m = /Pages:\s+(\d+)/.exec(ok(run("pdfinfo", [pdf]), "pdfinfo"));
  return m ? Number(m[1]) : 0;
}

export interface PdfLine {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every text line with its box (points, origin top-left), from `pdftotext -bbox-layout`. */
export function pdfLines(pdf: string): PdfLine[] {
  const html = ok(run("pdftotext", ["-bbox-layout", pdf, "-"]), "pdftotext -bbox-layout");
  const lines: PdfLine[] = [];
  const pages = html.split(/<page /).slice(1);
  pages.forEach((page, i) => {
    for (const m of page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...m[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]!);
      lines.push({ page: i + 1, text: words.join(" "), xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]! });
    }
  });
  return lines;
}

/** PNG images of the pages (`pdftoppm -png -r <dpi>`), returned in page order. */
export function pdfToPngs(pdf: string, outDir: string, prefix: string, dpi = 60): string[] {
  ok(run("pdftoppm", ["-png", "-r", String(dpi), pdf, join(outDir, prefix)]), "pdftoppm");
  return readdirSync(outDir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".png"))
    .sort()
    .map((f) => join(outDir, f));
}
