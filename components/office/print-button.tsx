"use client";
// 打印: the browser's print dialog (the print style sheet lays the page out as A4).
export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} data-testid="print-button">
      {label}
    </button>
  );
}
