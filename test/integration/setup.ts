import { afterAll, beforeAll } from "vitest";
import { setDatabase } from "@/lib/db/database";
import { createTestDatabase, type TestDatabase } from "./test-database";

let current: TestDatabase | undefined;

beforeAll(async () => {
  current = await createTestDatabase();
  setDatabase(current.database);
});

afterAll(async () => {
  setDatabase(undefined);
  await current?.dispose();
});
