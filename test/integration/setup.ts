import { afterAll, beforeAll } from "vitest";
import { setDatabase } from "@/lib/db/database";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { resetLimiters } from "@/lib/server/rate-limits";

let current: TestDatabase | undefined;

beforeAll(async () => {
  // In-process rate-limit counters (embedded-database mode) must not leak between files.
  resetLimiters();
  current = await createTestDatabase();
  setDatabase(current.database);
});

afterAll(async () => {
  setDatabase(undefined);
  await current?.dispose();
});
