"use client";
// Hands the server's first 内容雷同 results (first-similarity.ts) to the narrative sections.
import { createContext, useContext, type ReactNode } from "react";
import type { FirstSimilarities } from "./first-similarity";

const FirstSimilarityContext = createContext<FirstSimilarities>({});

export function FirstSimilarityProvider({ value, children }: { value: FirstSimilarities; children: ReactNode }) {
  return <FirstSimilarityContext.Provider value={value}>{children}</FirstSimilarityContext.Provider>;
}

export function useFirstSimilarities(): FirstSimilarities {
  return useContext(FirstSimilarityContext);
}
