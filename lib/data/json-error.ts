// Where and why a JSON text is malformed, in Chinese. JSON.parse's own messages differ between
// engines (V8 in Node 20 often gives no position at all), so after JSON.parse has failed we scan
// the text once more with a small strict JSON grammar to find the first offending character.

export interface JsonSyntaxProblem {
  /** 1-based line and column (column counted in UTF-16 code units). */
  line: number;
  column: number;
  reason: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return "意外的文件结尾";
  const ch = text[i]!;
  const shown = ch === "\n" ? "换行" : ch === "\t" ? "制表符" : ch === " " ? "空格" : `“${ch}”`;
  return `意外的字符 ${shown}`;
}

const MAX_SCAN_DEPTH = 1000;

function scan(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const expect = (lit: string) => {
    for (let k = 0; k < lit.length; k++) {
      if (text[i + k] !== lit[k]) throw new Fail(i + k, describeChar(text, i + k));
    }
    i += lit.length;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new Fail(i, "字符串没有结束（缺少右引号）");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new Fail(i, "字符串中有未转义的控制字符（如换行）");
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail(i, "无效的 \\u 转义");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Fail(i, "无效的转义字符");
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === "-") throw new Fail(i, "数字格式错误");
    i += m[0].length;
  };
  const value = (depth: number): void => {
    // Well below where this recursion would exhaust the stack (a few thousand levels in Node).
    if (depth > MAX_SCAN_DEPTH) throw new Fail(i, `嵌套层数过多（超过 ${MAX_SCAN_DEPTH} 层）`);
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Fail(i, `${describeChar(text, i)}，对象的键应为双引号括起的字符串`);
        string();
        ws();
        if (text[i] !== ":") throw new Fail(i, `${describeChar(text, i)}，键后应为冒号`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") throw new Fail(i, "对象最后一项后面多了逗号");
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        throw new Fail(i, `${describeChar(text, i)}，应为逗号或 }`);
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") throw new Fail(i, "数组最后一项后面多了逗号");
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        throw new Fail(i, `${describeChar(text, i)}，应为逗号或 ]`);
      }
    }
    if (ch === '"') return string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return number();
    if (ch === "t") return expect("true");
    if (ch === "f") return expect("false");
    if (ch === "n") return expect("null");
    throw new Fail(i, i >= text.length ? "意外的文件结尾（缺少值）" : `${describeChar(text, i)}，此处应为一个值`);
  };
  value(0);
  ws();
  if (i < text.length) throw new Fail(i, `${describeChar(text, i)}，JSON 已结束，后面还有多余内容`);
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax problem of a text that JSON.parse rejected, or undefined if none is found. */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  try {
    scan(text);
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { ...position(text, e.offset), reason: e.reason };
    return undefined; // e.g. stack exhaustion on absurd nesting: the caller falls back to a generic message
  }
}
