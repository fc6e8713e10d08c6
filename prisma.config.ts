import { defineConfig } from "prisma/config";

// The URL is only read by `prisma migrate deploy` on a machine that has Prisma's
// native engine; the app itself connects through a driver adapter (lib/db/client.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
