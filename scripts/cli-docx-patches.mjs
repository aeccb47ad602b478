// Text replacements in the `docx` package's code, applied by scripts/build-cli.mjs to the CLI
// bundle only (the app and the tests use docx as published). Each gives the same output with less
// work; lib/cli/docx-patches.test.ts checks that each still matches docx's code exactly once and
// that the XML writer writes the same text as docx's own, and lib/cli/cli.test.ts that the
// bundle's .docx has the same parts as the sources'.
//
// When a `docx` upgrade changes the text, the build warns and keeps the original code there
// (correct, only slower). Measured on the example report: 27 → 15 MB allocated per .docx.
export const DOCX_PATCHES = [
  {
    // Zip with Node's native zlib instead of the bundled JavaScript deflate (same format: raw
    // deflate in a ZIP): ~0.2 s faster on a cold process.
    what: "zipSync's deflate",
    from: "var d = compression ? deflateSync(file, p) : file, l = d.length;",
    to: 'var d = compression ? new Uint8Array(require("node:zlib").deflateRawSync(file, { level: p.level == null ? 6 : p.level })) : file, l = d.length;',
  },
  {
    // The ZIP's CRC-32 of each part: fflate's JavaScript loop over every byte (slow in a short run,
    // where it is never optimised) → zlib's native crc32 (Node ≥ 20.15), same value as a signed int.
    what: "zipSync's crc32",
    from: "\t\tvar c = crc();\n\t\tc.p(file);\n\t\tfiles.push(mrg(p, {\n\t\t\tsize: file.length,\n\t\t\tcrc: c.d(),",
    to: '\t\tvar c = require("node:zlib").crc32;\n\t\tfiles.push(mrg(p, {\n\t\t\tsize: file.length,\n\t\t\tcrc: c ? c(file) | 0 : (c = crc(), c.p(file), c.d()),',
  },
  {
    // Babel's object-spread helper (121 uses in docx) copies each property through a closure and
    // a property descriptor: ~4 of the ~27 MB a .docx run allocates, and its garbage collection.
    // Object.assign copies the same own enumerable properties (strings, then symbols, in order) to
    // the same target; the helper's own path stays for the even (literal) arguments, whose
    // accessors must be copied as such, and for a source with an own "__proto__" key.
    what: "_objectSpread2",
    from: "\t\tr % 2 ? ownKeys(Object(t), !0).forEach(function(r) {",
    to: '\t\tr % 2 && !Object.prototype.hasOwnProperty.call(t, "__proto__") ? Object.assign(e, t) : r % 2 ? ownKeys(Object(t), !0).forEach(function(r) {',
  },
  {
    // NextAttributeComponent (most attributes of runs, paragraphs and cells) spread the whole
    // object built so far for every attribute (quadratic copies); a loop builds the same object.
    what: "NextAttributeComponent.prepForXml",
    from: "return { _attr: Object.values(this.root).filter(({ value }) => value !== void 0).reduce((acc, { key, value }) => _objectSpread2(_objectSpread2({}, acc), {}, { [key]: value }), {}) };",
    to: "const _attr = {}, entries = Object.values(this.root); for (let i = 0; i < entries.length; i++) { const { key, value } = entries[i]; if (value !== void 0) _attr[key] = value; } return { _attr };",
  },
  {
    // XmlComponent.prepForXml (every element): flatMap then filter made two arrays per element;
    // one loop makes the same list (arrays returned by a child flattened one level, undefined left out).
    what: "XmlComponent.prepForXml",
    from: `		const children = this.root.flatMap((comp) => {
			if (isXmlComponent(comp)) {
				const parts = comp.writtenAs;
				return parts ? parts.map((part) => part.prepForXml(context)) : comp.prepForXml(context);
			}
			return comp;
		}).filter((comp) => comp !== void 0);`,
    to: `		const children = [];
		const root = this.root;
		for (let i = 0; i < root.length; i++) {
			const comp = root[i];
			let prepared = comp;
			if (isXmlComponent(comp)) {
				const parts = comp.writtenAs;
				prepared = parts ? parts.map((part) => part.prepForXml(context)) : comp.prepForXml(context);
			}
			if (Array.isArray(prepared)) {
				for (let j = 0; j < prepared.length; j++) if (prepared[j] !== void 0) children.push(prepared[j]);
			} else if (prepared !== void 0) children.push(prepared);
		}`,
  },
  {
    // stringifyXmlable without indentation (how the .docx is written): resolve() built a tree of
    // every element's name, attributes and content, then format() wrote it, joining each level's
    // strings again. writeFlat() appends each element's pieces to one list, joined once, with the
    // same quirks (attribute objects anywhere in the list, a text value replacing the entry
    // before it, an empty list written as <x></x>).
    what: "stringifyXmlable",
    from: "var stringifyXmlable = (input, { indent = \"\", declaration } = {}) => {\n\tconst items",
    to: `var hasOwn = Object.prototype.hasOwnProperty;
var firstKey = (object) => {
	for (const key in object) return hasOwn.call(object, key) ? key : void 0;
	return Object.keys(object)[0];
};
var flatAttributes = (attr) => {
	let out = "";
	for (const key in attr) if (hasOwn.call(attr, key)) out += \` \${key}="\${String(escapeValue(attr[key]))}"\`;
	return out;
};
var writeFlat = (out, data, name) => {
	const values = name === void 0 ? void 0 : data[name];
	const tag = name ? \`<\${name}\` : "";
	if (typeof values !== "object") {
		out.push(tag + (name ? ">" : "") + (values === void 0 ? "" : String(escapeValue(values))) + (name ? \`</\${name}>\` : ""));
		return;
	}
	if (values === null) {
		out.push(\`\${tag}/>\`);
		return;
	}
	const { _attr: attr, _cdata: cdata } = values;
	const isArray = Array.isArray(values);
	let attributes = attr ? flatAttributes(attr) : "";
	if (isArray) for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (typeof value === "object" && firstKey(value) === "_attr") attributes += flatAttributes(value._attr);
	}
	if (!cdata && !isArray) {
		out.push(\`\${tag}\${attributes}/>\`);
		return;
	}
	out.push(tag + attributes + (name ? ">" : ""));
	if (cdata) out.push(\`<![CDATA[\${cdata.replace(/\\]\\]>/g, "]]]]><![CDATA[>")}]]>\`);
	if (isArray) {
		let last = out.length;
		for (let i = 0; i < values.length; i++) {
			const value = values[i];
			if (typeof value === "object") {
				const key = firstKey(value);
				if (key === "_attr") continue;
				last = out.length;
				writeFlat(out, value, key);
			} else {
				out.length = last;
				out.push(value === void 0 ? "" : String(escapeValue(value)));
			}
		}
	}
	if (name) out.push(\`</\${name}>\`);
};
var stringifyXmlable = (input, { indent = "", declaration } = {}) => {
	if (!indent) {
		const items = Array.isArray(input) ? input : [input];
		const standalone = (declaration === null || declaration === void 0 ? void 0 : declaration.standalone) ? \` standalone="\${escapeAll(declaration.standalone)}"\` : "";
		const out = [declaration === void 0 ? "" : \`<?xml version="1.0" encoding="\${escapeAll(declaration.encoding || "UTF-8")}"\${standalone}?>\`];
		for (let i = 0; i < items.length; i++) writeFlat(out, items[i], Object.keys(items[i])[0]);
		return out.join("");
	}
	const items`,
  },
];
