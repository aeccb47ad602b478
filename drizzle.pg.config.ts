import { defineConfig } from "drizzle-kit";

// PostgreSQL twin of drizzle.config.ts, used only by `npx drizzle-kit generate --config drizzle.pg.config.ts`
// (developers). The app applies db/pg/migrations itself at start-up (db/pg/client.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/pg/schema.ts",
  out: "./db/pg/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://nianbao@127.0.0.1:55432/nianbao" },
});
