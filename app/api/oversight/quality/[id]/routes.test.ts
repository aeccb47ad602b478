// The quality-run routes' answers through the edge (defineRoute): the session is stubbed (a
// supervisor, or a drafter who may not oversee) and so is the data layer, so what is checked here is
// the contract each route states — roles, id, body — and the status, code and Chinese message.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const who = vi.hoisted(() => ({ role: "supervisor" as string }));
vi.mock("@/app/_server/guard", () => ({
  currentUser: async () => null,
  requireApiUser: async (need: { roles?: readonly string[] }) =>
    need.roles && !need.roles.includes(who.role)
      ? { ok: false, response: Response.json({ ok: false, code: "forbidden", error: "无权访问" }, { status: 403 }) }
      : { ok: true, user: { id: 7, role: who.role, agencyId: 1, agencyName: "某市政务公开办" } },
}));
const quality = vi.hoisted(() => ({
  run: undefined as { status: string } | undefined,
  cancelled: true,
  confirm: { ok: true } as { ok: true } | { ok: false; error: string },
  confirmedWith: [] as unknown[],
}));
// The data functions are stubbed by their results; the runner hands them back.
vi.mock("@/db/store", () => ({ getStore: () => ({}), run: async (x: unknown) => x }));
vi.mock("@/db/quality", () => ({
  getRunForActor: (_user: unknown, id: number) => (id === 5 ? quality.run : undefined),
  resumeInterruptedRuns: async () => [],
  cancelRun: () => quality.cancelled,
  confirmItemAgency: (_db: unknown, _user: unknown, ...args: unknown[]) => {
    quality.confirmedWith = args;
    return quality.confirm;
  },
  runResult: () => ({ result: {} }),
}));

const { GET: progress } = await import("./route");
const { POST: cancel } = await import("./cancel/route");
const { POST: confirm } = await import("./confirm/route");
const { GET: download } = await import("./download/route");

const at = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (body: unknown) => new Request("http://x/", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
async function answer(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeEach(() => {
  who.role = "supervisor";
  quality.run = { status: "running" };
  quality.cancelled = true;
  quality.confirm = { ok: true };
});

describe("quality-run routes", () => {
  it("are for the oversee area only: a drafter gets 403", async () => {
    who.role = "drafter";
    expect((await progress(new Request("http://x/"), at("5"))).status).toBe(403);
    expect((await cancel(post({}), at("5"))).status).toBe(403);
  });

  it("answer an unknown or malformed run id with 404 「检查不存在」", async () => {
    for (const id of ["6", "abc", "0", "1.5"]) {
      expect(await answer(await progress(new Request("http://x/"), at(id)))).toEqual({ status: 404, body: { ok: false, code: "not_found", error: "检查不存在" } });
    }
    expect(await answer(await progress(new Request("http://x/"), at("5")))).toMatchObject({ status: 200, body: { ok: true, status: "running" } });
  });

  it("cancel: a finished run is 409 not_running", async () => {
    expect(await answer(await cancel(post({}), at("5")))).toEqual({ status: 200, body: { ok: true } });
    quality.cancelled = false;
    expect(await answer(await cancel(post({}), at("5")))).toEqual({ status: 409, body: { ok: false, code: "not_running", error: "检查已结束，无法取消" } });
  });

  it("confirm: a bad id or body is 422 「请选择文件所属的单位」; any integer id reaches the data layer, whose refusal keeps its status", async () => {
    const unanswered = { status: 422, body: { ok: false, code: "invalid", error: "请选择文件所属的单位" } };
    expect(await answer(await confirm(post({ itemId: 1, agencyId: 2 }), at("abc")))).toEqual(unanswered);
    expect(await answer(await confirm(post({ itemId: 1 }), at("5")))).toEqual(unanswered);
    expect(await answer(await confirm(post({ itemId: 1, agencyId: 2, x: 1 }), at("5")))).toEqual(unanswered);
    expect(await answer(await confirm(post({ itemId: 1, agencyId: 2 }), at("5")))).toEqual({ status: 200, body: { ok: true } });
    expect(quality.confirmedWith).toEqual([5, 1, 2]);
    quality.confirm = { ok: false, error: "检查不存在" };
    expect(await answer(await confirm(post({ itemId: 1, agencyId: 2 }), at("0")))).toEqual({ status: 404, body: { ok: false, code: "refused", error: "检查不存在" } });
    expect(quality.confirmedWith).toEqual([0, 1, 2]);
    quality.confirm = { ok: false, error: "文件不存在" };
    expect(await answer(await confirm(post({ itemId: 1, agencyId: 2 }), at("5")))).toEqual({ status: 409, body: { ok: false, code: "refused", error: "文件不存在" } });
  });

  it("download: a bad format is 400 bad_format, an unfinished run 409 not_done", async () => {
    expect(await answer(await download(new Request("http://x/?format=pdf"), at("5")))).toEqual({ status: 400, body: { ok: false, code: "bad_format", error: "格式只能是 xlsx、docx 或 json" } });
    expect(await answer(await download(new Request("http://x/?format=json"), at("5")))).toEqual({ status: 409, body: { ok: false, code: "not_done", error: "检查尚未完成，完成后才能下载结果" } });
    expect(await answer(await download(new Request("http://x/?format=json"), at("6")))).toEqual({ status: 404, body: { ok: false, code: "not_found", error: "检查不存在" } });
  });
});
