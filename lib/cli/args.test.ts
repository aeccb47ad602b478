import { describe, expect, it } from "vitest";
import { readArgs } from "./args";

const spec = { json: { value: false }, output: { value: true, short: "o" }, year: { value: true } };

describe("readArgs (node:util parseArgs underneath)", () => {
  it("keeps the order of options and positionals; values follow, inline or not", () => {
    expect(readArgs(["a.json", "--year", "2024", "-o", "out.docx", "--json", "b"], spec)).toEqual([
      { kind: "positional", value: "a.json" },
      { kind: "option", name: "year", raw: "--year", value: "2024", inline: false },
      { kind: "option", name: "output", raw: "-o", value: "out.docx", inline: false },
      { kind: "option", name: "json", raw: "--json", value: undefined, inline: false },
      { kind: "positional", value: "b" },
    ]);
    expect(readArgs(["--year=2024", "-o=x.html", "--output="], spec)).toEqual([
      { kind: "option", name: "year", raw: "--year", value: "2024", inline: true },
      { kind: "option", name: "output", raw: "-o", value: "x.html", inline: true },
      { kind: "option", name: "output", raw: "--output", value: "", inline: true },
    ]);
  });

  it("a missing value is undefined; a following option is handed over for the command to judge", () => {
    expect(readArgs(["--year"], spec)).toEqual([{ kind: "option", name: "year", raw: "--year", value: undefined, inline: false }]);
    expect(readArgs(["-o", "--json"], spec)[0]).toMatchObject({ name: "output", value: "--json", inline: false });
  });

  it("unknown options, flags with values, glued short values, groups and -- are unknown, as typed", () => {
    for (const raw of ["--jsno", "--json=1", "-ofile", "-xyz", "--", "-5"]) {
      expect(readArgs(["a", raw, "b"], spec).find((t) => t.kind === "unknown")).toEqual({ kind: "unknown", raw });
    }
    expect(readArgs(["-xyz"], spec)).toHaveLength(1);
    expect(readArgs(["-"], spec)).toEqual([{ kind: "positional", value: "-" }]);
  });
});
