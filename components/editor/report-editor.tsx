// The report editor as the page renders it (a server component): it computes the editor's own
// findings on the document here, with the same live check the browser runs, so the browser's first
// load carries no rule engine — the engine is fetched when the editor is first used (a focus, a
// click or a keystroke) and checks every edit from then on (editor-session.tsx).
import { initialCheck } from "./initial-check";
import { validateOptions } from "./live-check";
import { ReportEditorClient, type ReportEditorProps } from "./editor-session";

export type { ReportEditorProps };

export function ReportEditor(props: ReportEditorProps) {
  const { initial, previous = null, archive = null } = props;
  const check = initialCheck(initial.data, initial.validation, validateOptions(previous, archive));
  return <ReportEditorClient {...props} initial={{ ...initial, check }} />;
}
