/** A text replacement in docx's dist/index.mjs: `from` must occur exactly once. */
export interface DocxPatch {
  what: string;
  from: string;
  to: string;
}
export declare const DOCX_PATCHES: DocxPatch[];
