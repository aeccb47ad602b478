// The workflow's action ids, alone: what a browser module that only checks an answer's `action`
// (lib/api/answers.ts) needs, without the transition table and its labels (./transitions.ts, which
// re-exports these).
export const ACTIONS = ["submit", "withdraw", "return", "approve", "publish", "revise", "supervisorReturn", "backfillPublish"] as const;
export type ActionId = (typeof ACTIONS)[number];
