// The report editor as the page renders it (a server component): it computes the editor's own
// findings on the document here, with the same live check the browser runs, so the browser's first
// load carries no rule engine — the engine is fetched when the editor is first used (a focus, a
// click or a keystroke) and checks every edit from then on (editor-session.tsx). The same goes for
// 内容雷同 with last year beside each narrative (first-similarity.ts).
import { toFormValues } from "@/lib/data/form-reading";
import type { ReportDoc } from "@/lib/data/types";
import { sectionSimilarity, SIMILARITY_THRESHOLD } from "@/lib/rules/similarity";
import { getEdition, type EditionId } from "@/lib/template";
import type { EditorArchive } from "./context";
import { fingerprint, lastYearText, shortened, type FirstSimilarities } from "./first-similarity";
import { FirstStateProvider } from "./first-state";
import { initialCheck } from "./initial-check";
import { IssuePanelView } from "./issue-panel-view";
import { NarrativeGuidance } from "./narrative-guidance";
import { validateOptions } from "./live-check";
import { ReportEditorClient, type ReportEditorProps } from "./editor-session";

export type { ReportEditorProps };

/** What each narrative's 内容雷同 line shows for the text the form opens with. */
function firstSimilarities(edition: EditionId, doc: ReportDoc, previous: ReportDoc | null, archive: EditorArchive | null): FirstSimilarities {
  const out: FirstSimilarities = {};
  const narrative = toFormValues(doc).narrative;
  for (const section of getEdition(edition).sections) {
    const key = section.narrativeKey;
    if (!key) continue;
    const lastYear = lastYearText(previous, archive, key);
    if (!lastYear) continue;
    const text = narrative[key];
    const s = sectionSimilarity(section, text, lastYear);
    out[key] = { of: fingerprint(text), ratio: s.ratio, threshold: SIMILARITY_THRESHOLD, ...shortened(s.text, s.passages) };
  }
  return out;
}

export function ReportEditor(props: ReportEditorProps) {
  const { initial, previous = null, archive = null } = props;
  // The editor's first session starts from this state (editor-session.tsx: the store's first snapshot).
  const { check, first, snapshot } = initialCheck(initial.data, initial.validation, validateOptions(previous, archive));
  const edition = getEdition(props.edition);
  const issuePanel = <IssuePanelView state={snapshot} edition={edition} readOnly={props.readOnly} dirty={false} />;
  const guidance = Object.fromEntries(
    edition.sections.flatMap((s) => (s.narrativeKey ? [[s.narrativeKey, <NarrativeGuidance key={s.key} section={s} previous={previous} archive={archive} />]] : [])),
  );
  return (
    <FirstStateProvider similarity={firstSimilarities(props.edition, initial.data, previous, archive)} issuePanel={issuePanel} guidance={guidance}>
      <ReportEditorClient {...props} initial={{ ...initial, check, first }} />
    </FirstStateProvider>
  );
}
