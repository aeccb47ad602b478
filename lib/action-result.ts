/** What a server action answers: the page's form shows `message` or `error` (Chinese), `data` when it has some. */
export type ActionResult<T = undefined> = { ok: true; data?: T; message?: string } | { ok: false; error: string };
