// Route parameters as zod schemas: a segment of the URL is a string; an id is a positive safe
// integer (anything else — "abc", "0", "1.5", "9007199254740993" — is answered as not found).
import { z } from "zod";

export const positiveId = z.coerce.number().int().positive();
/** Any safe integer (a route that leaves the range check to the data layer). */
export const safeInteger = z.coerce.number().int();

/** params: { id } — the usual dynamic segment of /api/reports/[id]/…. */
export const idParams = z.object({ id: positiveId });
