// POST { action, comment?, anchor?, comments?, acknowledgements?, version?, publishedOn? }
// (lib/api/requests.ts): moves the report through the review workflow. With { action, preview: true }
// it changes nothing and answers what the step needs (gaps in the content, errors, every warning with
// its reasons) — the dialogs open with it. The pure transition table and the content checks in
// db/workflow.ts decide; every refusal is a Chinese message with the right status code.
import { defineRoute, refused, reportById } from "@/app/_server/edge";
import { run } from "@/db/store";
import { applyTransition, previewTransition } from "@/db/workflow";
import type { TransitionPreview } from "@/lib/api/answers";
import { transitionRequest } from "@/lib/api/requests";

export const dynamic = "force-dynamic";

export const POST = defineRoute({ ...reportById, body: transitionRequest, bodyLimit: 200_000 }, async ({ user, params, body, write }) => {
  if (body.preview) {
    const p = await run(previewTransition(user, params.id, body.action));
    return p.ok ? (p satisfies TransitionPreview) : refused(p);
  }
  const outcome = await write(() => run(applyTransition(user, params.id, body)));
  if (!outcome.ok) {
    const { ok: _ok, status, reason, ...details } = outcome;
    return refused({ status, reason }, details);
  }
  return { ok: true, status: outcome.status, snapshotId: outcome.snapshotId, contentHash: outcome.contentHash };
});
