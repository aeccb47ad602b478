// Choosing a finding (issue panel, workflow panel) scrolls to its cell and focuses it.
export function focusCell(ref: string): void {
  const el = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(ref)}"]`);
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
  el.focus();
}
