// npm run keys:rotate — re-encrypts every drain secret, every queued span (dead letters
// included) and every staged ingest record under the first key of DRAIN_ENCRYPTION_KEYS. Add the new key first in the list,
// keep the old ones, restart the servers (new data is then written under the new key), run
// this, then drop old keys once it reports nothing left to re-encrypt. With the embedded
// database, stop the server first (PGlite allows one process per data directory).
import { config, ConfigError } from "../lib/config/env";
import { openDatabase, closeDatabase } from "../lib/db/open";
import { rotateDrainSecrets } from "../lib/crypto/rotate-drain-secrets";
import { rotateOutboxPayloads, rotateStagedPayloads } from "../lib/crypto/rotate-outbox";
import { log, errorFields } from "../lib/log";

try {
  const cfg = config();
  const database = await openDatabase(cfg.database);
  const report = await rotateDrainSecrets(database.prisma, cfg.drainKeyring);
  const queued = await rotateOutboxPayloads(database.driver, cfg.drainKeyring);
  const staged = await rotateStagedPayloads(database.driver, cfg.drainKeyring);
  await closeDatabase(database);
  log.info("queued spans rotated", { currentKey: cfg.drainKeyring.current, ...queued });
  log.info("staged ingest records rotated", { currentKey: cfg.drainKeyring.current, ...staged });
  log.info("drain secrets rotated", {
    currentKey: cfg.drainKeyring.current,
    examined: report.examined,
    reencrypted: report.reencrypted,
    alreadyCurrent: report.alreadyCurrent,
    failed: report.failed.length,
  });
  for (const f of report.failed)
    log.error("could not re-encrypt drain secret", { drainId: f.drainId, reason: f.reason });
  if (queued.failed > 0) log.error("some queued spans could not be decrypted with any key", { failed: queued.failed });
  if (staged.failed > 0)
    log.error("some staged records could not be decrypted with any key", { failed: staged.failed });
  process.exit(report.failed.length > 0 || queued.failed > 0 || staged.failed > 0 ? 1 : 0);
} catch (err) {
  if (err instanceof ConfigError) process.stderr.write(err.message + "\n");
  else log.error("key rotation failed", errorFields(err));
  process.exit(1);
}
