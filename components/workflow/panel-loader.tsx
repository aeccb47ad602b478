"use client";
// The workflow panel's frame in the browser's first load: it shows the server's rendering of the
// panel's first state (its children) and fetches the interactive panel (panel-interactive.tsx, not
// part of the page's first-load JavaScript) when the user reaches for it: a pointer over the panel
// or a focus in it starts the download, and a click or a focus in one of its text fields swaps the
// interactive panel in. Nothing is lost to the wait: the interactive panel draws its first state
// with the same function as the server (panel-parts.tsx), so the element clicked before it arrived
// is found at the same place and clicked again, text typed into a field is carried over, and the
// focus is put back where it was.
import { lazy, startTransition, Suspense, useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import type { WorkflowPanelProps } from "./panel-parts";

type Module = typeof import("./panel-interactive");
type InteractiveProps = WorkflowPanelProps & { onReady: () => void; twin: ReactNode };

let download: Promise<Module> | null = null;
/** Starts fetching the interactive panel, once (a failed download is tried again next time). */
function fetchPanel(): Promise<Module> {
  download ??= import("./panel-interactive").catch((e: unknown) => {
    download = null;
    throw e;
  });
  return download;
}

/** When the interactive panel cannot be downloaded: the first state stays, and the user is told. */
function Unavailable({ twin }: InteractiveProps) {
  return (
    <>
      {twin}
      <p className="alert error" role="alert">
        审核操作未能加载（可能网络中断），请刷新页面后重试。
      </p>
    </>
  );
}

const InteractivePanel = lazy<ComponentType<InteractiveProps>>(() =>
  fetchPanel().then(
    (m) => ({ default: m.InteractivePanel }),
    () => ({ default: Unavailable }),
  ),
);

/** An element of the panel by its place in the markup, checked by its tag and its name or text. */
interface Spot {
  path: number[];
  tag: string;
  name: string;
}
const nameOf = (el: Element) => el.getAttribute("aria-label") ?? el.textContent ?? "";

function spotOf(root: Element, el: Element): Spot | null {
  const path: number[] = [];
  for (let n: Element = el; n !== root; ) {
    const parent = n.parentElement;
    if (!parent) return null;
    path.unshift(Array.prototype.indexOf.call(parent.children, n));
    n = parent;
  }
  return { path, tag: el.tagName, name: nameOf(el) };
}

function elementAt(root: Element, spot: Spot): HTMLElement | null {
  let n: Element | undefined = root;
  for (const i of spot.path) n = n?.children[i];
  return n instanceof HTMLElement && n.tagName === spot.tag && nameOf(n) === spot.name ? n : null;
}

/** Puts text into a field React controls, as typing would (React reads the value on the input event). */
function typeInto(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

const isField = (el: Element): el is HTMLInputElement | HTMLTextAreaElement => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

export function PanelLoader({ children, ...props }: WorkflowPanelProps & { children: ReactNode }) {
  const root = useRef<HTMLElement>(null);
  // Set once React has taken over the server's markup: from then on a click is caught and replayed.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [wanted, setWanted] = useState(false);
  const [ready, setReady] = useState(false);
  /** The first click to replay, the last element focused, and every field of the first state the user entered. */
  const pending = useRef<{ click: Spot | null; focus: Spot | null; fields: Map<Element, Spot> }>({ click: null, focus: null, fields: new Map() });

  const want = () => {
    // A transition: the server's markup stays on screen (and usable) until the panel has arrived.
    if (!wanted) startTransition(() => setWanted(true));
  };
  const preload = () => void fetchPanel().catch(() => {});

  // Runs when the interactive panel has replaced the first state, before the browser handles another event.
  const onReady = useCallback(() => {
    const el = root.current;
    const p = pending.current;
    if (el) {
      // The old fields are out of the page but still hold what was typed into them.
      for (const [old, spot] of p.fields) {
        const field = elementAt(el, spot);
        if (isField(old) && old.value && field && isField(field)) typeInto(field, old.value);
      }
      const active = document.activeElement;
      const target = p.focus ? elementAt(el, p.focus) : null;
      // Only where the swap took the focus away, not where the user has moved it since.
      if (target && (!active || active === document.body)) {
        target.focus();
        if (isField(target)) target.setSelectionRange(target.value.length, target.value.length);
      }
      // After React has taken in the carried text (a click on 「确认无误」 sends what was typed).
      const click = p.click;
      if (click) setTimeout(() => elementAt(el, click)?.click(), 0);
    }
    pending.current = { click: null, focus: null, fields: new Map() };
    setReady(true);
  }, []);

  return (
    <section
      ref={root}
      className="card workflow"
      aria-labelledby="wf-title"
      data-testid="workflow-panel"
      data-hydrated={hydrated ? "yes" : "no"}
      data-interactive={ready ? "yes" : "no"}
      onPointerOver={ready ? undefined : preload}
      onFocus={
        ready
          ? undefined
          : (e) => {
              preload();
              const spot = root.current && e.target instanceof Element ? spotOf(root.current, e.target) : null;
              pending.current.focus = spot;
              if (spot && isField(e.target)) {
                pending.current.fields.set(e.target, spot);
                want();
              }
            }
      }
      onBlur={
        ready
          ? undefined
          : (e) => {
              // Left the panel for somewhere else: nothing to give the focus back to.
              if (e.relatedTarget instanceof Element && !root.current?.contains(e.relatedTarget)) pending.current.focus = null;
            }
      }
      onClickCapture={
        ready
          ? undefined
          : (e) => {
              const button = e.target instanceof Element ? e.target.closest("button") : null;
              if (!button || !root.current?.contains(button)) return;
              // The first click is the one replayed (a second one before the panel arrives is most
              // likely the same click repeated).
              pending.current.click ??= spotOf(root.current, button);
              want();
            }
      }
    >
      {/* Until React has taken over the markup a click would do nothing and be lost: the buttons wait, as the editor's fields do. */}
      <fieldset className="wf-body" disabled={!hydrated}>
        <Suspense fallback={children}>{wanted ? <InteractivePanel {...props} onReady={onReady} twin={children} /> : children}</Suspense>
      </fieldset>
    </section>
  );
}
