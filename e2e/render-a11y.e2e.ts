// Accessibility of the rendered HTML report, checked by axe-core in Debian's Chromium: both fixture
// reports (2021 and 2019 edition), on a desktop and a 320 px wide screen. The page is loaded with
// setContent — the app server that playwright.config.ts starts is not used here.
//
// Screenshots for a human reviewer go to /tmp/nianbao-render/.

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parseReportJson, type ReportDoc } from "../lib/data";
import { renderHtml } from "../lib/render";

const SHOTS = "/tmp/nianbao-render";

function fixture(name: string): ReportDoc {
  const r = parseReportJson(readFileSync(join(process.cwd(), "lib/fixtures", name), "utf8"));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  return r.report;
}

const FIXTURES = [
  ["example-2021", "example-2021-shifan-2024.json"],
  ["seed-2019", "seed-001-nantong-2020.json"],
] as const;

/** Every axe rule that applies (WCAG 2.0/2.1 A and AA plus best practices); a readable list on failure. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

for (const [name, file] of FIXTURES) {
  test.describe(`rendered HTML of ${name}`, () => {
    test("has no axe-core violations", async ({ page }) => {
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.setContent(renderHtml(fixture(file)));
      await expect(page.locator("h1")).toHaveCount(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}-html.png`), fullPage: true });
    });

    test("reflows at 320 px: the page does not scroll sideways, wide tables scroll in their own focusable region", async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.setContent(renderHtml(fixture(file)));
      const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(pageOverflow).toBeLessThanOrEqual(0);
      const region = page.getByRole("region", { name: /表三/ });
      await expect(region).toBeVisible();
      expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await region.focus();
      await expect(region).toBeFocused();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}-html-320px.png`), fullPage: false });
    });

    test("exposes the statutory tables with their names and header cells to assistive technology", async ({ page }) => {
      await page.setContent(renderHtml(fixture(file)));
      for (const caption of ["表二", "表三", "表四"]) await expect(page.getByRole("table", { name: new RegExp(caption) })).toHaveCount(1);
      const table3 = page.getByRole("table", { name: /表三/ });
      await expect(table3.getByRole("columnheader", { name: "自然人" })).toHaveCount(1);
      await expect(table3.getByRole("rowheader", { name: "1.属于国家秘密" })).toHaveCount(1);
    });

    test("prints on A4 with the report's print style sheet", async ({ page }) => {
      await page.setContent(renderHtml(fixture(file)));
      await page.emulateMedia({ media: "print" });
      const bodySize = await page.locator("article.nb-report").evaluate((el) => getComputedStyle(el).fontSize);
      expect(bodySize).toBe("21.3333px"); // 16 pt = 3号
      const pdf = await page.pdf({ preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      // Every page A4: 595.3 × 841.9 pt (Chromium rounds to 594.96 × 841.92)
      const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
      expect(boxes.length).toBeGreaterThanOrEqual(3);
      for (const [, w, h] of boxes) {
        expect(Math.abs(Number(w) - 595.28)).toBeLessThan(1);
        expect(Math.abs(Number(h) - 841.89)).toBeLessThan(1);
      }
    });
  });
}
