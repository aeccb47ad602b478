"use client";
// The report page shows the public address block only once a report is published, but a client
// component the page imports is part of every load of the page: this wrapper keeps PublishedLink
// (and its portal-address check) out of the editor's first-load JavaScript; the browser fetches it
// only for a page that renders it. The server still renders its HTML in the first response.
import { lazy, Suspense, type ComponentProps } from "react";
import type { PublishedLink as Eager } from "./published-link";

const PublishedLink = lazy(() => import("./published-link").then((m) => ({ default: m.PublishedLink })));

export function LazyPublishedLink(props: ComponentProps<typeof Eager>) {
  return (
    <Suspense fallback={null}>
      <PublishedLink {...props} />
    </Suspense>
  );
}
