// Page titles name the page and the report, e.g. 「示范市应急管理局 2024 年度报告」 (the root
// layout's template appends 「 · 年报」). Pure.
export function reportTitle(agencyName: string, year: number, page: string | null = null): string {
  const report = `${agencyName} ${year} 年度报告`;
  return page ? `${page} · ${report}` : report;
}
