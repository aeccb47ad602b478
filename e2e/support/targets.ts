// What the app exposes, read from the code itself — so a new page, route handler or server action
// cannot be added without the authorization matrix noticing — and how to call a server action
// over HTTP exactly as the browser does.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

const APP = join(process.cwd(), "app");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** "app/(app)/reports/[id]/page.tsx" → "/reports/[id]" (route groups are not part of the URL). */
function urlOf(file: string): string {
  const parts = relative(APP, file).split(sep).slice(0, -1).filter((p) => !/^\(.*\)$/.test(p));
  return `/${parts.join("/")}`;
}

/** Every page ("page /reports/[id]") and route handler method ("POST /api/reports/[id]/transition"). */
export function codeTargets(): string[] {
  const out: string[] = [];
  for (const file of walk(APP)) {
    if (/[\\/]page\.tsx$/.test(file)) out.push(`page ${urlOf(file)}`);
    if (/[\\/]route\.ts$/.test(file)) {
      const src = readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const m of src.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]!);
      for (const m of src.matchAll(/export\s+const\s+\{([^}]*)\}\s*=/g)) for (const name of m[1]!.split(",")) methods.add(name.trim());
      for (const m of src.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*=/g)) methods.add(m[1]!);
      for (const m of methods) out.push(`${m} ${urlOf(file)}`);
    }
  }
  for (const a of Object.values(serverActions())) out.push(`action ${a.target}`);
  return out.sort();
}

type ManifestEntry = { filename: string; exportedName: string };

/** The server actions of the production build: id → "app/(app)/admin/actions.ts#createAgencyAction". */
export function serverActions(): Record<string, { id: string; target: string }> {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  const out: Record<string, { id: string; target: string }> = {};
  for (const [id, e] of Object.entries(manifest.node)) {
    const target = `${e.filename}#${e.exportedName}`;
    out[target] = { id, target };
  }
  return out;
}

/**
 * Invokes a server action the way React does from an action form: POST to the page with the
 * `Next-Action` header, the FormData fields prefixed `_1_`, and the argument list `[prevState,
 * FormData]` as field "0" (captured from Chromium posting the app's own forms). Nothing of the
 * page's UI is involved: this is what anyone can send, signed in or not.
 */
export async function callAction(ctx: APIRequestContext, page: string, target: string, fields: Record<string, string> | null, prevState: unknown = null): Promise<APIResponse> {
  const action = serverActions()[target];
  if (!action) throw new Error(`no server action ${target} in the build`);
  const headers: Record<string, string> = { "next-action": action.id, accept: "text/x-component" };
  if (fields === null) {
    // An action without arguments (signOutAction): the browser sends "[]" as text.
    return ctx.post(page, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: Buffer.from("[]"), maxRedirects: 0 });
  }
  const boundary = `----nianbaoMatrix${Math.random().toString(36).slice(2)}`;
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Object.entries(fields).map(([k, v]) => part(`_1_${k}`, v)).join("") + part("0", JSON.stringify([prevState, "$K1"])) + `--${boundary}--\r\n`;
  return ctx.post(page, { headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` }, data: Buffer.from(body, "utf8"), maxRedirects: 0 });
}
