// How a message names the other report a narrative repeats. Its own module so that the editor can
// name it without loading the rule engine, which the browser fetches only after the page is live.

export function peerReportName(peer: { agency: string; year: number; kind: "report" | "archive" }): string {
  return `${peer.agency} ${peer.year} 年度${peer.kind === "archive" ? "年报（旧式归档）" : "已公开年报"}`;
}
