// Roles, their Chinese names and where each lands after signing in. Pure data: shared by the
// server guard, the admin pages and the tests.
export const ROLE_IDS = ["drafter", "reviewer", "supervisor", "admin"] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const ROLE_LABELS: Record<RoleId, string> = {
  drafter: "填报人",
  reviewer: "审核人",
  supervisor: "主管部门",
  admin: "系统管理员",
};

export const ROLE_HOME: Record<RoleId, string> = {
  drafter: "/reports",
  reviewer: "/reports",
  supervisor: "/oversight",
  admin: "/admin",
};

export function isRole(value: unknown): value is RoleId {
  return typeof value === "string" && (ROLE_IDS as readonly string[]).includes(value);
}
