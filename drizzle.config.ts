import { defineConfig } from "drizzle-kit";

// Migrations are generated once from the schema and applied at start-up to the
// embedded database (PGlite) and to PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema.ts",
  out: "./server/db/migrations",
  casing: "snake_case",
});
