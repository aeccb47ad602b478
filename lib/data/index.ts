// The interchange format `nianbao/report@1`: types, schema, parsing, and report transformations.

export * from "./types";
export { cellValueSchema, reportSchema, MAX_CELL_MAGNITUDE, MIN_YEAR, MAX_YEAR, type ReportInputSchema } from "./schema";
export { parseReport, parseReportJson, formatInputErrors, formatPath, describeValue } from "./parse";
export { locateJsonError, type JsonSyntaxProblem } from "./json-error";
export { emptyReport, computeDerived, getCell, withCell, startNextYear } from "./report";
