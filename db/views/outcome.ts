// What a page's view-model loader answers: the view, or why there is none (the page maps it to
// notFound() / forbidden()).
export type ViewOutcome<T> = { kind: "ok"; view: T } | { kind: "not_found" } | { kind: "forbidden" };

/** A report id from the URL, or null when it is not one (the page then answers 404). */
export function reportIdOf(id: string | number): number | null {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
