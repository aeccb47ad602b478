// The consistency rule engine (pure; runs in the browser, on the server, in the CLI and in tests).

export { validateReport, fmt, peerReportName, type ValidateOptions } from "./engine";
export { RULES, isRuleId, type RuleDef, type RuleId } from "./catalog";
export type { Issue, Severity, ValidationResult } from "./types";
export { similarity, sectionSimilarity, SIMILARITY_THRESHOLD, type SimilarityResult, type Passage } from "./similarity";
export { PeerCorpus, MAX_PEERS, type PeerInfo, type PeerMatch, type PeerMatcher, type PeerSource } from "./peer-similarity";
