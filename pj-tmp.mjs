import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
const names = Object.fromEntries(Object.entries(OPS).map(([k,v])=>[v,k]));
const page = await doc.getPage(Number(process.argv[3]||3));
const ol = await page.getOperatorList();
let shown=0;
for (let i=0;i<ol.fnArray.length;i++){ const n=names[ol.fnArray[i]];
 if ((n==="constructPath"||n==="transform"||n==="setLineWidth") && shown<30){shown++; const a=ol.argsArray[i]; console.log(n, JSON.stringify(a, (k,v)=> v instanceof Float32Array? Array.from(v).map(x=>Math.round(x*10)/10):v).slice(0,200));}
}
