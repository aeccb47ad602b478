// The browser floor, checked on the built app: every script and style sheet that `next build`
// ships must run on the oldest Chromium we promise (package.json "browserslist", today Chromium 86:
// the kernels of 奇安信/360 on 信创 PCs). Next 16 itself targets Chrome 111+, so a dependency or a
// new CSS rule can silently raise the floor again; this check names the file and the feature.
//
//   node scripts/browser-floor.mjs [.next]      exit 1 and a list when anything is above the floor
//
// JavaScript is parsed (acorn) and walked, so a feature inside a string or comment is not a
// finding; a script that does not even parse as ES2022 is one. CSS is scanned per feature; a rule
// inside an `@supports` block that tests that very feature is a deliberate enhancement with a
// fallback and allowed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "acorn";
import { full as walkFull } from "acorn-walk";

/** The Chromium major of the floor, read from package.json's browserslist ("chrome >= 86"). */
export function chromeFloor(pkgJson) {
  const list = pkgJson.browserslist ?? [];
  for (const q of Array.isArray(list) ? list : [list]) {
    const m = /^\s*chrome\s*>=\s*(\d+)\s*$/i.exec(q);
    if (m) return Number(m[1]);
  }
  throw new Error('package.json "browserslist" must contain a "chrome >= N" query');
}

// Syntax and built-ins, with the first Chromium that has them (caniuse / MDN / V8 release notes).
// Syntax newer than ES2022 fails to parse at all and is reported as such.
const JS_SYNTAX = {
  "class static block": 94,
  "#private in obj (ergonomic brand check)": 91,
  "top-level await": 89,
  "RegExp flag d (match indices)": 90,
  "RegExp flag v (unicodeSets)": 112,
};
/** Calls of built-ins that cannot be parsed away: Object.hasOwn(…), structuredClone(…), [].at(…)… */
const JS_STATIC_CALLS = {
  "Object.hasOwn": 93,
  "Object.groupBy": 117,
  "Map.groupBy": 117,
  "Promise.withResolvers": 119,
  "Array.fromAsync": 121,
};
const JS_GLOBAL_CALLS = { structuredClone: 98 };
/** Methods whose names are distinctive enough to flag on any receiver. */
const JS_METHODS = {
  findLast: 97,
  findLastIndex: 97,
  toSorted: 110,
  toReversed: 110,
  toSpliced: 110,
  isWellFormed: 111,
  toWellFormed: 111,
};

export function checkScript(code, floor) {
  const found = new Set();
  const above = (name, v) => {
    if (v > floor) found.add(`${name} (Chromium ${v})`);
  };
  let ast;
  try {
    ast = parse(code, { ecmaVersion: 2022, sourceType: "script", allowHashBang: true });
  } catch (e) {
    // A chunk may be an ES module (top-level import/export or await): try that before giving up.
    try {
      ast = parse(code, { ecmaVersion: 2022, sourceType: "module", allowHashBang: true });
      for (const node of ast.body) if (node.type === "ExpressionStatement" && containsTopLevelAwait(node)) above("top-level await", JS_SYNTAX["top-level await"]);
    } catch {
      return [`syntax newer than ES2022: ${e.message}`];
    }
  }
  walkFull(ast, (node) => {
    switch (node.type) {
      case "StaticBlock":
        above("class static block", JS_SYNTAX["class static block"]);
        break;
      case "BinaryExpression":
        if (node.operator === "in" && node.left.type === "PrivateIdentifier") above("#private in obj (ergonomic brand check)", JS_SYNTAX["#private in obj (ergonomic brand check)"]);
        break;
      case "Literal":
        if (node.regex?.flags.includes("d")) above("RegExp flag d (match indices)", JS_SYNTAX["RegExp flag d (match indices)"]);
        if (node.regex?.flags.includes("v")) above("RegExp flag v (unicodeSets)", JS_SYNTAX["RegExp flag v (unicodeSets)"]);
        break;
      case "CallExpression": {
        const c = node.callee;
        if (c.type === "Identifier" && c.name in JS_GLOBAL_CALLS) above(`${c.name}()`, JS_GLOBAL_CALLS[c.name]);
        if (c.type === "MemberExpression" && !c.computed && c.property.type === "Identifier") {
          const name = c.property.name;
          if (c.object.type === "Identifier" && `${c.object.name}.${name}` in JS_STATIC_CALLS) above(`${c.object.name}.${name}()`, JS_STATIC_CALLS[`${c.object.name}.${name}`]);
          if (name in JS_METHODS) above(`.${name}()`, JS_METHODS[name]);
        }
        break;
      }
    }
  });
  return [...found];
}

function containsTopLevelAwait(stmt) {
  let hit = false;
  walkFull(stmt, (n) => {
    if (n.type === "AwaitExpression") hit = true;
  });
  return hit;
}

// CSS features above Chromium 86, as they appear in a built style sheet. `supports` is the text an
// `@supports` condition must contain for the rule to count as an enhancement with a fallback.
const CSS_FEATURES = [
  { name: ":has()", re: /:has\(/, v: 105, supports: ":has(" },
  { name: ":is()", re: /:is\(/, v: 88, supports: ":is(" },
  { name: ":where()", re: /:where\(/, v: 88, supports: ":where(" },
  { name: ":not() with a selector list", re: /:not\([^()]*,/, v: 88, supports: ":not(" },
  { name: "aspect-ratio", re: /[{;\s]aspect-ratio\s*:/, v: 88, supports: "aspect-ratio" },
  { name: "inset shorthand", re: /[{;\s]inset\s*:/, v: 87, supports: "inset" },
  { name: "logical shorthands (margin-inline, padding-block …)", re: /[{;\s](?:margin|padding)-(?:inline|block)\s*:|[{;\s]inset-(?:inline|block)/, v: 87, supports: "-inline" },
  { name: "overflow: clip", re: /overflow(?:-[xy])?\s*:\s*clip/, v: 90, supports: "clip" },
  { name: "accent-color", re: /[{;\s]accent-color\s*:/, v: 93, supports: "accent-color" },
  { name: "scrollbar-gutter", re: /scrollbar-gutter\s*:/, v: 94, supports: "scrollbar-gutter" },
  { name: "@layer", re: /@layer\b/, v: 99, supports: "@layer" },
  { name: "individual transforms (translate/rotate/scale)", re: /[{;\s](?:translate|rotate|scale)\s*:/, v: 104, supports: "translate" },
  { name: "@container / container units", re: /@container\b|\d(?:cqw|cqh|cqi|cqb)\b/, v: 105, supports: "container" },
  { name: "dynamic viewport units (dvh, svh, lvh …)", re: /\d(?:[dsl]v[hwib]|[dsl]vmin|[dsl]vmax)\b/, v: 108, supports: "vh" },
  { name: "lh / rlh units", re: /\d(?:r?lh)\b/, v: 109, supports: "lh" },
  { name: "color-mix() / oklch() / lab()", re: /color-mix\(|oklch\(|oklab\(|(?<![a-z-])lab\(|(?<![a-z-])lch\(/, v: 111, supports: "color" },
  { name: "CSS nesting", re: /\{[^{}]*&[^{};]*\{/, v: 112, supports: "&" },
  { name: "text-wrap", re: /text-wrap(?:-mode|-style)?\s*:/, v: 114, supports: "text-wrap" },
  { name: "@starting-style", re: /@starting-style\b/, v: 117, supports: "starting-style" },
  { name: "@scope", re: /@scope\b/, v: 118, supports: "scope" },
  { name: ":user-valid / :user-invalid", re: /:user-(?:in)?valid/, v: 119, supports: ":user-" },
  { name: "light-dark()", re: /light-dark\(/, v: 123, supports: "light-dark" },
  { name: "field-sizing", re: /field-sizing\s*:/, v: 123, supports: "field-sizing" },
];

/** Splits a style sheet into top-level pieces, each with the @supports conditions around it. */
function cssPieces(css) {
  const pieces = [];
  const walk = (text, conds) => {
    let i = 0;
    let start = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length : end + 2;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const end = text.indexOf(ch, i + 1);
        i = end < 0 ? text.length : end + 1;
        continue;
      }
      if (ch === "{") {
        const prelude = text.slice(start, i).trim();
        let depth = 1;
        let j = i + 1;
        while (j < text.length && depth > 0) {
          if (text[j] === "{") depth++;
          else if (text[j] === "}") depth--;
          j++;
        }
        const body = text.slice(i + 1, j - 1);
        if (/^@supports\b/i.test(prelude)) {
          // A positive condition guards what it tests; the prelude itself is a query, not a use.
          walk(body, /^@supports\s+not\b/i.test(prelude) ? conds : [...conds, prelude]);
        } else if (/^@(media|layer|container|scope)\b/i.test(prelude)) {
          pieces.push({ text: prelude + "{", conds });
          walk(body, conds);
        } else pieces.push({ text: `${prelude}{${body}}`, conds });
        i = j;
        start = j;
        continue;
      }
      if (ch === ";" && start <= i) {
        pieces.push({ text: text.slice(start, i + 1), conds });
        start = i + 1;
      }
      i++;
    }
  };
  walk(css, []);
  return pieces;
}

export function checkStyles(css, floor) {
  const found = new Set();
  for (const piece of cssPieces(css)) {
    for (const f of CSS_FEATURES) {
      if (f.v <= floor || !f.re.test(piece.text)) continue;
      if (piece.conds.some((c) => c.includes(f.supports))) continue;
      found.add(`${f.name} (Chromium ${f.v}) in 「${piece.text.slice(0, 80)}」`);
    }
  }
  return [...found];
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Every finding in the build's browser assets: [{ file, features }]. */
export function checkBuild(nextDir, floor) {
  const out = [];
  let scripts = 0;
  let sheets = 0;
  for (const file of files(join(nextDir, "static"))) {
    let features = [];
    if (file.endsWith(".js")) {
      scripts++;
      features = checkScript(readFileSync(file, "utf8"), floor);
    } else if (file.endsWith(".css")) {
      sheets++;
      features = checkStyles(readFileSync(file, "utf8"), floor);
    } else continue;
    if (features.length) out.push({ file: relative(nextDir, file), features });
  }
  return { findings: out, scripts, sheets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL("..", import.meta.url).pathname;
  const nextDir = process.argv[2] ?? join(root, ".next");
  const floor = chromeFloor(JSON.parse(readFileSync(join(root, "package.json"), "utf8")));
  const { findings, scripts, sheets } = checkBuild(nextDir, floor);
  for (const f of findings) console.log(`✗ ${f.file}\n    ${f.features.join("\n    ")}`);
  console.log(`浏览器下限 Chromium ${floor}: ${scripts} scripts, ${sheets} style sheets checked, ${findings.length} above the floor`);
  process.exit(findings.length ? 1 : 0);
}
