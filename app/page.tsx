import { redirect } from "next/navigation";
import { currentUser } from "@/app/_server/guard";
import { ROLE_HOME } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

/** Everyone lands on their role's home page. */
export default async function Home() {
  const user = await currentUser();
  redirect(user ? ROLE_HOME[user.role] : "/login");
}
