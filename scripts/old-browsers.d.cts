export const CACHE: string;
export const OLD_BROWSERS: Record<"chromium86" | "chromium110", { major: number; packages: string[]; binDir: string }>;
export interface OldBrowserPaths {
  dir: string;
  executablePath: string;
  nodeModules: string;
  env: { LD_LIBRARY_PATH: string };
  args: string[];
}
export function oldBrowserPaths(name: keyof typeof OLD_BROWSERS): OldBrowserPaths;
export function isInstalled(name: keyof typeof OLD_BROWSERS): boolean;
export function ensureOldBrowser(name: keyof typeof OLD_BROWSERS): OldBrowserPaths;
