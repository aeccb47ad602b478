// The identifiers people type: an agency's code (part of its public address /p/<code>/<year>) and a
// login name. Each pattern is written once, here: the admin forms' server validation and their
// `pattern` attribute, the onboarding spreadsheet check and the public route all read it.

/** An agency code, as an HTML `pattern` attribute (anchored by the browser): 2–32 of a-z 0-9 -. */
export const AGENCY_CODE_PATTERN = "[a-z0-9][a-z0-9-]{1,31}";
export const AGENCY_CODE_RE = new RegExp(`^${AGENCY_CODE_PATTERN}$`);
/** What a valid agency code is, in words. */
export const AGENCY_CODE_RULE = "须为 2–32 位小写字母、数字或连字符";

/** A login name, as an HTML `pattern` attribute: 3–32 of a-z 0-9 . _ -. */
export const LOGIN_PATTERN = "[a-z0-9][a-z0-9._-]{2,31}";
export const LOGIN_RE = new RegExp(`^${LOGIN_PATTERN}$`);
/** What a valid login name is, in words. */
export const LOGIN_RULE = "须为 3–32 位小写字母、数字、点、下划线或连字符";
