// The report-year field of the oversight pages' GET forms.
import { reportYears } from "@/lib/oversight/query";

export function YearSelect({ year, current }: { year: number; current: number }) {
  return (
    <label>
      年度
      <select name="year" defaultValue={year}>
        {reportYears(current).map((y) => (
          <option key={y} value={y}>
            {y} 年度
          </option>
        ))}
      </select>
    </label>
  );
}
