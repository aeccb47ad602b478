"use client";
// A bar (or pie) chart drawn by Apache ECharts (bundled, no CDN: it works offline), with the same
// numbers in a real <table>: the canvas is hidden from assistive technology, the table is what a
// screen reader reads (and what anyone sees if the chart cannot be drawn). ECharts is loaded only
// in the browser, only on pages that show a chart (its modular build: bar and pie charts, canvas).
import { useEffect, useId, useRef, useState } from "react";

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface ChartProps {
  title: string;
  /** Category labels (x axis, or pie slices). */
  categories: string[];
  series: ChartSeries[];
  kind?: "bar" | "pie";
  /** Unit shown in the table header, e.g. "份". */
  unit?: string;
  height?: number;
}

const COLORS = ["#0969da", "#1a7f37", "#bc4c00", "#8250df", "#cf222e", "#4d2d00", "#0550ae"];

export function BarChart({ title, categories, series, kind = "bar", unit = "", height = 260 }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    (async () => {
      try {
        const [core, charts, components, renderers] = await Promise.all([import("echarts/core"), import("echarts/charts"), import("echarts/components"), import("echarts/renderers")]);
        core.use([charts.BarChart, charts.PieChart, components.GridComponent, components.TooltipComponent, components.LegendComponent, renderers.CanvasRenderer]);
        if (disposed || !ref.current) return;
        const c = core.init(ref.current, undefined, { renderer: "canvas" });
        chart = c;
        const textStyle = { fontFamily: "inherit" };
        c.setOption(
          kind === "pie"
            ? {
                color: COLORS,
                textStyle,
                tooltip: { trigger: "item" },
                legend: { bottom: 0 },
                series: [{ type: "pie", radius: ["35%", "65%"], data: categories.map((name, i) => ({ name, value: series[0]?.values[i] ?? 0 })), label: { formatter: "{b}：{c}" } }],
              }
            : {
                color: COLORS,
                textStyle,
                tooltip: { trigger: "axis" },
                legend: series.length > 1 ? { bottom: 0 } : undefined,
                grid: { left: 40, right: 16, top: 16, bottom: series.length > 1 ? 56 : 32, containLabel: true },
                xAxis: { type: "category", data: categories, axisLabel: { interval: 0, hideOverlap: true } },
                yAxis: { type: "value", minInterval: 1 },
                series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, barMaxWidth: 36 })),
              },
        );
        window.addEventListener("resize", onResize);
      } catch {
        if (!disposed) setFailed(true);
      }
    })();
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [categories, series, kind]);
  return (
    <figure style={{ margin: 0 }} aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} style={{ fontWeight: 600 }}>
        {title}
      </figcaption>
      {failed ? null : <div ref={ref} aria-hidden="true" style={{ width: "100%", height }} />}
      <details open={failed}>
        <summary className="small">数据表</summary>
        <table className="report-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                  {unit ? `（${unit}）` : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row" className="th-label">
                  {c}
                </th>
                {series.map((s) => (
                  <td key={s.name} style={{ textAlign: "right", padding: "0.2rem 0.4rem" }}>
                    {s.values[i] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
