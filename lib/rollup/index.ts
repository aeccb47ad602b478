// The supervising office's roll-up (汇总) of its agencies' statutory tables (pure).
export {
  rollUp,
  contributionsTo,
  validateRollup,
  rollupVerdict,
  tablesFromValues,
  ROLLUP_STATES,
  ROLLUP_STATE_LABELS,
  type RollupState,
  type RollupSource,
  type RollupResult,
  type RollupMember,
  type RollupExclusion,
  type RollupIncomplete,
  type Contribution,
} from "./rollup";
export { rollupDocument, rollupTitle, rollupPreamble, rollupStatesText, type RollupDocOptions } from "./document";
