// The edge of every entry point: route handlers, server actions and pages (see each file's header).
export { defineRoute, type Success } from "./route";
export { defineAction, parseForm, redirectTo } from "./action";
export { loadPage } from "./page";
export { readableReport } from "./report";
export { fail, refused } from "@/lib/edge/outcome";
import { idParams } from "@/lib/edge/params";
export { idParams, positiveId, safeInteger } from "@/lib/edge/params";

/** The contract of a route under /api/reports/[id]: the id, and 「年报不存在」 for a bad one. */
export const reportById = { params: idParams, wording: { not_found: "年报不存在" } };
