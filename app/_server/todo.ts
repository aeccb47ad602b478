// The signed-in user's 待办 (lib/office/todo.ts from db/notices.ts facts): the navigation counts it,
// the 待办 page lists it. A supervisor looks at the current report year and the one before (whose
// deadline has passed); an admin sees only notices (the oversight of all agencies is 全部进度).
import "server-only";
import { todoFacts } from "@/db/notices";
import { run } from "@/db/store";
import { todoItems, type TodoItem } from "@/lib/office/todo";
import { currentReportYear } from "@/lib/workflow/deadline";
import type { SessionUser } from "./guard";

export async function loadTodo(user: SessionUser, now: Date = new Date()): Promise<TodoItem[]> {
  const year = currentReportYear(now);
  const years = user.role === "supervisor" ? [year - 1, year] : [];
  return todoItems(await run(todoFacts(user, years)), now);
}
