// Prints the per-shape accuracy of the text importer (cells right / wrong / lost) for both
// editions: `npx tsx lib/import/testing/measure-shapes.ts` (add `-v` to list the misses).
import { clean2024, seed2020 } from "../../fixtures/load";
import { importReport } from "../import-report";
import { SHAPES, measureShape } from "./shape-cases";

const verbose = process.argv.includes("-v");
async function main(): Promise<void> {
const totals = { right: 0, wrong: 0, lost: 0 };
for (const [edition, report] of [["2021", clean2024()], ["2019", seed2020()]] as const) {
  for (const shape of SHAPES) {
    const m = await measureShape(shape, report, importReport);
    totals.right += m.score.right;
    totals.wrong += m.score.wrong;
    totals.lost += m.score.lost;
    const n = m.score.right + m.score.wrong + m.score.lost;
    console.log(`${edition} ${shape.name.padEnd(28)} right ${String(m.score.right).padStart(3)}/${n}  wrong ${m.score.wrong}  lost ${m.score.lost}${m.error ? `  (${m.error})` : ""}`);
    if (verbose) for (const x of m.score.misses.slice(0, 30)) console.log(`    ${x}`);
  }
}
const n = totals.right + totals.wrong + totals.lost;
console.log(`all shapes: ${((100 * totals.right) / n).toFixed(1)} % right, ${totals.wrong} wrong, ${totals.lost} lost of ${n} cells`);
}
void main();
