// The review workflow on the report page, as the page renders it (a server component): the panel's
// first state — its actions, the warnings to confirm, the review comments — drawn on the server by
// the same function as the interactive panel (panel-parts.tsx), from the same data. The browser's
// first load carries only the small loader (panel-loader.tsx), which fetches the interactive panel
// on the first interaction and replays the click that asked for it.
import { PanelLoader } from "./panel-loader";
import { PanelContent, type WorkflowPanelProps } from "./panel-parts";

export type { WorkflowPanelProps };

export function WorkflowPanel(props: WorkflowPanelProps) {
  return (
    <PanelLoader {...props}>
      <PanelContent actions={props.actions} warnings={props.warnings} comments={props.comments} canConfirm={props.canConfirm} canResolve={props.canResolve} />
    </PanelLoader>
  );
}
