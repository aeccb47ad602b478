import { defineConfig } from "drizzle-kit";

// Used only by `npm run db:generate` (developers). The app applies db/migrations itself at start-up.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "./data/nianbao.db" },
});
