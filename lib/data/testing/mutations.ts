// Test helper (not app code): structural mutations of valid `nianbao/report@1` documents for the
// fuzz tests — in-process (lib/**/fuzz.test.ts) and over HTTP (e2e/fuzz-http.e2e.ts). A mutation
// changes what real clients get wrong (a wrong type, a huge or negative number, a number written
// as text, a deleted or unknown key, absurd nesting, very long or control-character text, the
// wrong edition or year) at ANY node of a real document, so the parser is exercised at every
// depth, not only by random junk that it rejects at the first byte.

import fc from "fast-check";

export type JsonPath = (string | number)[];

/** Deeply nested arrays: `[[[…1…]]]` (JSON.parse accepts 100 000 levels; recursive code does not). */
export function deepArray(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Deeply nested objects: `{"a":{"a":…}}`. */
export function deepObject(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** An object with an OWN property named `__proto__`, as JSON.parse creates it. */
function protoObject(): unknown {
  return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
}

/** Text that breaks naive code: markup, control characters, bidi and zero-width marks, lone surrogates. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "12",
  "１２",
  "1,000",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "null",
  "true",
  "undefined",
  "0x1F",
  "\u0000",
  "\u0000\u0001\u0007\b\u000b\f\u000e\u001b[31m\u007f\u0085",
  "\r\n\t",
  "\u202egnp.exe\u202c",
  "\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
  "\u200b\u200c\u200d\u2060\ufeff",
  "\ud800",
  "\udfff\ud800",
  "\uffff\ufffe",
  "👨‍👩‍👧‍👦🀄",
  "<script>window.__fuzz=1</script>",
  '"><img src=x onerror=window.__fuzz=1>',
  "</textarea><svg onload=window.__fuzz=1>",
  "javascript:window.__fuzz=1",
  "]]></w:t><w:p><w:r><w:t>注入</w:t></w:r></w:p><w:t>",
  "'; DROP TABLE reports; --",
  "${7*7}{{7*7}}%s%n%x",
  "../../../etc/passwd",
  "__proto__",
  "constructor",
  "行政复议99999999999999999999999件",
  "收到申请１２,３４５件",
];

/** Long strings: far beyond any real field, still inside the 1 MB request limit when sent once. */
export const LONG_STRINGS: readonly (() => string)[] = [() => "字".repeat(100_000), () => "a".repeat(300_000), () => "一、总体情况\n".repeat(20_000)];

/** Values that are representable in JSON (so they can also be sent over HTTP). */
export function jsonNastyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS).map((f) => f()) },
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        -1,
        -0.5,
        0.5,
        0.1 + 0.2,
        1e12,
        1e12 + 1,
        -1e12 - 1,
        1e13,
        1e21,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER,
        Number.MAX_SAFE_INTEGER + 2,
        Number.MIN_VALUE,
        2024.5,
        2018,
        2101,
      ),
    },
    { weight: 3, arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [1, 2, 3], { a: 1 }, [null], [{}]) },
    { weight: 2, arbitrary: fc.constantFrom(5, 50, 2_000, 50_000).chain((d) => fc.constantFrom(deepArray(d), deepObject(d))) },
    { weight: 1, arbitrary: fc.constant(null).map(() => protoObject()) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Also values JSON cannot carry (NaN, ±Infinity, undefined, -0, class instances): for in-process callers. */
export function anyNastyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: jsonNastyValue() },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, -0, 10n) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<() => unknown>(
          () => new Date(0),
          () => new Map([["a", 1]]),
          () => Object.create(null),
          () => Array(3),
          () => new Uint8Array(3),
          () => () => 1,
          () => Symbol("x"),
        )
        .map((make) => make()),
    },
  );
}

/** Keys that do not belong: prototype names, keys of the other edition, empty and absurd ones. */
export const ODD_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "extra",
  "名称",
  "",
  " ",
  "k".repeat(1000),
  "otherProcessing", // a 2019-edition row key
  "granted ",
  "Natural",
  "total",
  "format",
  "\u0000",
];

export type Mutation =
  | { kind: "replace"; path: JsonPath; value: unknown }
  | { kind: "delete"; path: JsonPath }
  | { kind: "add"; path: JsonPath; key: string; value: unknown }
  | { kind: "wrap"; path: JsonPath; as: "array" | "object" }
  | { kind: "move"; from: JsonPath; to: JsonPath }
  | { kind: "edition"; value: unknown }
  | { kind: "year"; value: unknown };

/** Every path to a node of a JSON value, the root ([]) included. */
export function allPaths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...prefix, i])));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...prefix, k]));
  return out;
}

function isContainer(v: unknown): v is Record<string | number, unknown> {
  return v !== null && typeof v === "object";
}

function parentOf(root: unknown, path: JsonPath): Record<string | number, unknown> | undefined {
  let v: unknown = root;
  for (const p of path.slice(0, -1)) {
    if (!isContainer(v)) return undefined;
    v = v[p];
  }
  return isContainer(v) ? v : undefined;
}

function getAt(root: unknown, path: JsonPath): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (!isContainer(v)) return undefined;
    v = v[p];
  }
  return v;
}

/** Sets an own data property (also for "__proto__", like JSON.parse), never the prototype. */
function define(obj: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Applies the mutations to a deep copy; a mutation whose path no longer exists is skipped. Returns the new root. */
export function applyMutations(doc: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(doc);
  for (const m of mutations) {
    switch (m.kind) {
      case "edition":
      case "year":
        if (isContainer(root) && !Array.isArray(root)) define(root, m.kind, m.value);
        break;
      case "replace":
      case "wrap": {
        const current = getAt(root, m.path);
        const value = m.kind === "replace" ? m.value : m.as === "array" ? [current] : { value: current };
        if (m.path.length === 0) root = value;
        else {
          const parent = parentOf(root, m.path);
          if (parent) define(parent, m.path.at(-1)!, value);
        }
        break;
      }
      case "delete": {
        const parent = parentOf(root, m.path);
        if (parent && m.path.length > 0) {
          if (Array.isArray(parent)) parent.splice(Number(m.path.at(-1)), 1);
          else delete parent[m.path.at(-1)!];
        }
        break;
      }
      case "add": {
        const target = getAt(root, m.path);
        if (isContainer(target) && !Array.isArray(target)) define(target, m.key, m.value);
        break;
      }
      case "move": {
        // Shared, not copied: a planted value may be nested too deeply for structuredClone.
        const value = getAt(root, m.from);
        const parent = parentOf(root, m.to);
        if (m.to.length > 0 && parent && value !== undefined && !m.to.slice(0, m.from.length).every((p, i) => p === m.from[i])) define(parent, m.to.at(-1)!, value);
        break;
      }
    }
  }
  return root;
}

/**
 * 1–4 mutations of `doc` (a valid document). `value` decides which values are planted: use
 * jsonNastyValue() for documents that travel as JSON.
 */
export function mutationsOf(doc: unknown, value: fc.Arbitrary<unknown> = jsonNastyValue()): fc.Arbitrary<Mutation[]> {
  const paths = allPaths(doc);
  const objectPaths = paths.filter((p) => {
    const v = getAt(doc, p);
    return isContainer(v) && !Array.isArray(v);
  });
  const path = fc.constantFrom(...paths);
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant("replace" as const), path, value }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), path }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant("add" as const), path: fc.constantFrom(...objectPaths), key: fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 8 })), value }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("wrap" as const), path, as: fc.constantFrom("array" as const, "object" as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("move" as const), from: path, to: path }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("edition" as const), value: fc.constantFrom<unknown>("2019", "2021", "2020", "2021 ", " 2019", 2021, "", null, "２０２１", ["2021"]) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("year" as const), value: fc.constantFrom<unknown>(2018, 2019, 2020, 2021, 2023, 2024, 2025, 2100, 2101, 1e9, -2024, 2024.5, "2024", "二〇二四", null, 0) }),
    },
  );
  return fc.array(one, { minLength: 1, maxLength: 4 });
}

/** A one-line description of a mutation, for failure messages. */
export function describeMutation(m: Mutation): string {
  const show = (v: unknown) => {
    try {
      const s = JSON.stringify(v) ?? String(v);
      return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
    } catch {
      return "<too deep to show>";
    }
  };
  const at = (p: JsonPath) => p.join(".") || "(root)";
  switch (m.kind) {
    case "replace":
      return `replace ${at(m.path)} = ${show(m.value)}`;
    case "delete":
      return `delete ${at(m.path)}`;
    case "add":
      return `add ${at(m.path)}[${show(m.key)}] = ${show(m.value)}`;
    case "wrap":
      return `wrap ${at(m.path)} in ${m.as}`;
    case "move":
      return `copy ${at(m.from)} → ${at(m.to)}`;
    case "edition":
    case "year":
      return `${m.kind} = ${show(m.value)}`;
  }
}

/** Byte/character-level damage to a JSON text: truncation, deleted or inserted characters, JS-only literals. */
export function textMutations(): fc.Arbitrary<((s: string) => string)[]> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  const insert = fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "\\u12", "NaN", "Infinity", "undefined", "//c\n", "/*c*/", "'", "\u0000", "\n", "\ufeff", "1e999", "-", "0x10", "tru", "nul", " ");
  const op: fc.Arbitrary<(s: string) => string> = fc.oneof(
    at.map((f) => (s: string) => s.slice(0, Math.floor(s.length * f))),
    fc.tuple(at, fc.integer({ min: 1, max: 20 })).map(([f, n]) => (s: string) => {
      const i = Math.floor(s.length * f);
      return s.slice(0, i) + s.slice(i + n);
    }),
    fc.tuple(at, insert).map(([f, x]) => (s: string) => {
      const i = Math.floor(s.length * f);
      return s.slice(0, i) + x + s.slice(i);
    }),
    fc.tuple(at, at).map(([f, g]) => (s: string) => {
      const [a, b] = [Math.floor(s.length * Math.min(f, g)), Math.floor(s.length * Math.max(f, g))];
      return s.slice(0, b) + s.slice(a, b) + s.slice(b);
    }),
    fc.constant((s: string) => `${s},`),
    fc.constant((s: string) => s.replace(/"/g, "'")),
    fc.constant((s: string) => s.replace(/: (\d+)/, ": NaN")),
    fc.constant((s: string) => `${"[".repeat(20_000)}${s}${"]".repeat(20_000)}`),
  );
  return fc.array(op, { minLength: 1, maxLength: 3 });
}

/**
 * JSON text of a value without recursion (JSON.stringify overflows the stack at a few thousand
 * levels — the deep values here are meant for the server, not for the test's own stack).
 */
export function toJsonText(value: unknown): string {
  const out: string[] = [];
  const work: unknown[] = [value];
  const RAW = Symbol("raw");
  while (work.length > 0) {
    const v = work.pop();
    if (typeof v === "object" && v !== null && RAW in v) {
      out.push((v as { [RAW]: string })[RAW]);
      continue;
    }
    if (Array.isArray(v)) {
      const parts: unknown[] = [{ [RAW]: "[" }];
      v.forEach((x, i) => parts.push(...(i ? [{ [RAW]: "," }] : []), x === undefined ? null : x));
      parts.push({ [RAW]: "]" });
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]);
    } else if (typeof v === "object" && v !== null) {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== "function" && typeof x !== "symbol");
      const parts: unknown[] = [{ [RAW]: "{" }];
      entries.forEach(([k, x], i) => parts.push({ [RAW]: `${i ? "," : ""}${JSON.stringify(k)}:` }, x));
      parts.push({ [RAW]: "}" });
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]);
    } else out.push(JSON.stringify(v) ?? "null");
  }
  return out.join("");
}

// ------------------------------------------------------------------------------ message checks

const CJK = /[\u3400-\u9fff]/;
/** What leaks when an exception reaches the user: stack frames, JS error names, engine phrases, zod's English. */
const LEAK = /\bat [\w$.<>]+ \(|\(\/[^)]*:\d+:\d+\)|\n\s+at |\b(?:Type|Range|Syntax|Reference|Internal)Error\b|\bError:|Maximum call stack|Cannot read propert|is not a function|is not defined|is not iterable|Unexpected (?:token|end)|\[object Object\]|\bInvalid input\b|\bexpected (?:string|number|object)|\bundefined\b|\bNaN\b/;

/**
 * Why `message` is not a clear Chinese message for a user, or null when it is. Quoted parts
 * ("…", 「…」) are the user's own values echoed back and are not judged.
 */
export function messageProblem(message: unknown): string | null {
  if (typeof message !== "string" || message.trim() === "") return `no message: ${JSON.stringify(message)}`;
  if (!CJK.test(message)) return `no Chinese text: ${message.slice(0, 200)}`;
  // describeValue() names a non-finite number the user sent as 「数字 NaN」: that is the user's value.
  const own = message.replace(/"(?:[^"\\]|\\.)*"|「[^」]*」|“[^”]*”|(?:数字|数值) (?:NaN|-?Infinity)/g, "");
  const leak = LEAK.exec(own);
  if (leak) return `leaks "${leak[0]}": ${message.slice(0, 300)}`;
  return null;
}
