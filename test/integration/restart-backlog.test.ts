import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { database, setDatabase } from "@/lib/db/database";
import { openDatabase, closeDatabase } from "@/lib/db/open";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, postLogs, records } from "./forwarding-fixtures";

// The embedded database on disk: records accepted before a shutdown are delivered by the
// next process. (On PostgreSQL the same holds by construction; see concurrent-workers.)

const fake = withFakeLangfuse();

describe("server restarted with a backlog", () => {
  it.skipIf(process.env.TEST_DB_KIND === "postgres")(
    "delivers, after reopening the data directory, what was accepted before the stop",
    async () => {
      const original = database();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "restart-"));
      let first = await openDatabase({ kind: "pglite", dataDir: dir });
      setDatabase(first);
      try {
        const world = await createForwardingWorld(fake());
        fake().setMode("down-503");
        expect((await postLogs(records(world.keySecret, ["chat", "streaming", "tool_calls"]))).json).toMatchObject({
          accepted: 3,
        });
        await newWorker().runOnce(); // fails: the receiver is down
        await closeDatabase(first); // the process stops

        first = await openDatabase({ kind: "pglite", dataDir: dir }); // and starts again
        setDatabase(first);
        fake().setMode("normal");
        await first.driver.query(`UPDATE trace_outbox SET available_at = now() - interval '1 second'`);
        expect(await newWorker().runOnce()).toBe(3);
        expect(fake().spans.filter((s) => s.attributes["aptible.environment.id"] === world.envA.id)).toHaveLength(3);
      } finally {
        await closeDatabase(first).catch(() => undefined);
        setDatabase(original);
      }
    },
    60_000,
  );
});
