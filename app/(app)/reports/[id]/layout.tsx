import type { ReactNode } from "react";
import { ReportPageStateProvider } from "@/components/report-page-state";

/** The report's pages share one client state (the editor's save state, read by the workflow panel). */
export default function ReportLayout({ children }: { children: ReactNode }) {
  return <ReportPageStateProvider>{children}</ReportPageStateProvider>;
}
