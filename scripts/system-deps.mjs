// System packages the tests need, from Debian's repositories (never a browser download):
// Chromium for Playwright and a CJK font so pages render Chinese. Later features add to the list
// (LibreOffice + poppler for the .docx checks).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** [what we check, Debian package that provides it] */
function missingPackages(needs) {
  const missing = [];
  for (const need of needs) if (!need.present()) missing.push(need.pkg);
  return missing;
}

const hasCjkFont = () => {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
};

const onPath = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const hasFontFamily = (family) => {
  try {
    return execFileSync("fc-list", [`:family=${family}`], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
};

export const TEST_NEEDS = [
  { pkg: "chromium", present: () => existsSync(CHROMIUM) },
  { pkg: "fontconfig", present: () => onPath("fc-list") },
  { pkg: "fonts-noto-cjk", present: hasCjkFont },
  // The .docx tests convert with LibreOffice and read the PDF back with poppler; the Kai/Ming
  // faces stand in for 楷体/仿宋, which Debian does not ship (see lib/render/docx/fonts).
  { pkg: "libreoffice-writer-nogui", present: () => onPath("soffice") },
  { pkg: "poppler-utils", present: () => onPath("pdftotext") && onPath("pdftoppm") },
  { pkg: "fonts-arphic-ukai", present: () => hasFontFamily("AR PL UKai CN") },
  { pkg: "fonts-arphic-uming", present: () => hasFontFamily("AR PL UMing CN") },
];

/**
 * What `npm run bench` needs beyond the tests: pandoc, the reference the command line's .docx
 * rendering is measured against (issue 20: ≤ 1.0× `pandoc x.html -o x.docx` in the same run).
 */
export const BENCH_NEEDS = [{ pkg: "pandoc", present: () => onPath("pandoc") }];

/**
 * Installs what is missing (as root), or says what to install and exits. `optional`: when not root,
 * say so and go on without it (a benchmark then prints that its goal cannot be checked here).
 */
export function ensureSystemPackages(needs = TEST_NEEDS, { optional = false } = {}) {
  const missing = [...new Set(missingPackages(needs))];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot && optional) {
    console.error(`缺少系统软件包：${missing.join(" ")}（以 root 身份运行时会自动安装；现在跳过，相关基准注明无法核对）`);
    return;
  }
  if (!isRoot) {
    console.error(
      `缺少系统软件包：${missing.join(" ")}\n` +
        `请以 root 身份安装后重试：apt-get update && apt-get install -y --no-install-recommends ${missing.join(" ")}\n` +
        `(Missing Debian packages; tests never download a browser.)`,
    );
    process.exit(1);
  }
  console.log(`[setup] 安装系统软件包：${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(" ")} 失败（退出码 ${r.status}）`);
      process.exit(1);
    }
  };
  run(["update"]);
  run(["install", "-y", "--no-install-recommends", ...missing]);
  const still = missingPackages(needs);
  if (still.length) {
    console.error(`安装后仍缺少：${still.join(" ")}`);
    process.exit(1);
  }
}
