// The names every edition shares: the six section numbers, the interchange keys of the three
// statutory tables and of the three narrative parts (docs/interchange.md). Each list is written
// here once; the types in ./types derive from these arrays and every edition's data refers to them
// (template.test.ts checks that each edition's sections use exactly these keys, in this order).

/** Section numbers as printed (一、…六、), in document order. */
export const SECTION_NUMBERS = ["一", "二", "三", "四", "五", "六"] as const;

/** The statutory tables in document order (= section order 二, 三, 四). */
export const TABLE_KEYS = ["proactive", "applications", "appeals"] as const;

/** The narrative parts of the report (sections 一, 五, 六) in document order. */
export const NARRATIVE_KEYS = ["overview", "problems", "other"] as const;
