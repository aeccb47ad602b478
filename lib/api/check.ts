// Checks of a JSON answer's outline, for the browser: a handful of type guards that compose, so a
// page reads the server's answer through its contract instead of casting it. Not zod (not even
// zod/mini): the editor's first load ships no zod at all (its import graph is tested), and these
// few hundred bytes are all an answer needs. Objects are checked loosely — fields a newer server adds
// are kept (untyped) — and an optional field may be absent.
export type Check<T> = (v: unknown) => v is T;
export type Checked<C> = C extends Check<infer T> ? T : never;

export const str: Check<string> = (v): v is string => typeof v === "string";
export const num: Check<number> = (v): v is number => typeof v === "number" && Number.isFinite(v);
export const bool: Check<boolean> = (v): v is boolean => typeof v === "boolean";
export const positiveInt: Check<number> = (v): v is number => Number.isSafeInteger(v) && (v as number) > 0;

export const lit =
  <L extends string | number | boolean | null>(l: L): Check<L> =>
  (v): v is L =>
    v === l;
export const oneOf =
  <L extends readonly string[]>(ls: L): Check<L[number]> =>
  (v): v is L[number] =>
    ls.includes(v as string);
export const nullable =
  <T>(c: Check<T>): Check<T | null> =>
  (v): v is T | null =>
    v === null || c(v);
export const optional =
  <T>(c: Check<T>): Check<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || c(v);
export const arrayOf =
  <T>(c: Check<T>): Check<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.every(c);
export const either =
  <A, B>(a: Check<A>, b: Check<B>): Check<A | B> =>
  (v): v is A | B =>
    a(v) || b(v);

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

type Shape = Record<string, Check<unknown>>;
type Optional<S extends Shape> = { [K in keyof S]: undefined extends Checked<S[K]> ? K : never }[keyof S];
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: Checked<S[K]> } & { [K in Optional<S>]?: Checked<S[K]> };

/** An object with at least these fields (extra fields allowed). */
export const object =
  <S extends Shape>(shape: S): Check<ObjectOf<S>> =>
  (v): v is ObjectOf<S> =>
    isRecord(v) && Object.keys(shape).every((k) => shape[k]!(v[k]));

/** A deep structure the server has checked, by its outline, typed as what lib/ says it is. */
export const outline =
  <T>(c: (v: unknown) => boolean): Check<T> =>
  (v): v is T =>
    c(v);
