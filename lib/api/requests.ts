// The request bodies of the JSON API that the browser builds and the server parses (zod; the server
// parses with these in app/api/…; the browser imports only their types). Their answers are in
// ./answers.ts. Bounds here are the server's: every string and list is capped.
import { z } from "zod";
import { ACTIONS } from "@/lib/workflow/transitions";

/** PUT /api/reports/[id] (autosave). `version`: the version the client edited; `data`: the document (lib/data's parseReport checks it). */
export const saveRequest = z.object({ version: z.number().int().positive(), data: z.unknown() });

/** POST /api/reports/[id]/transition: a workflow step, or with preview: true what it needs. */
export const transitionRequest = z.object({
  action: z.enum(ACTIONS),
  comment: z.string().max(5000).optional(),
  anchor: z.string().max(200).optional(),
  comments: z.array(z.object({ anchor: z.string().max(200), body: z.string().max(5000) })).max(100).optional(),
  acknowledgements: z.record(z.string().max(300), z.string().max(1000)).optional(),
  /** approve/publish: the report version the reviewer read. */
  version: z.number().int().positive().optional(),
  /** backfillPublish: the day the report was really published elsewhere (checked in db/workflow.ts). */
  publishedOn: z.string().max(40).optional(),
  preview: z.boolean().optional(),
});

export type SaveRequest = z.infer<typeof saveRequest>;
export type TransitionRequest = z.infer<typeof transitionRequest>;
