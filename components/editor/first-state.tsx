"use client";
// Hands what the server drew of the editor's first state to the browser's editor: the first
// 内容雷同 results (first-similarity.ts) and the issue panel (issue-panel-view.tsx), each shown
// until the rule engine's fetch brings the code that computes them; and what never changes while
// editing, the guidance beside each narrative (narrative-guidance.tsx).
import { createContext, useContext, type ReactNode } from "react";
import type { NarrativeKey } from "@/lib/template";
import type { FirstSimilarities } from "./first-similarity";

interface FirstState {
  similarity: FirstSimilarities;
  /** The issue panel as the server drew it (null: none, the browser draws it). */
  issuePanel: ReactNode;
  /** Each narrative's guidance, as the server drew it. */
  guidance: Partial<Record<NarrativeKey, ReactNode>>;
}

const FirstStateContext = createContext<FirstState>({ similarity: {}, issuePanel: null, guidance: {} });

export function FirstStateProvider({ children, ...first }: FirstState & { children: ReactNode }) {
  return <FirstStateContext.Provider value={first}>{children}</FirstStateContext.Provider>;
}

export function useFirstSimilarities(): FirstSimilarities {
  return useContext(FirstStateContext).similarity;
}

export function useFirstIssuePanel(): ReactNode {
  return useContext(FirstStateContext).issuePanel;
}

export function useFirstGuidance(): FirstState["guidance"] {
  return useContext(FirstStateContext).guidance;
}
