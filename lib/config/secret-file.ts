import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { log } from "../log";

/**
 * Returns the secret stored in DATA_DIR/<name>, creating it (0600) on first use.
 * Zero-setup mode only: production deployments pass the value explicitly.
 */
export function readOrCreateSecretFile(
  dataDir: string,
  name: string,
  envName: string,
  generate: () => string = () => randomBytes(32).toString("hex"),
): string {
  const file = path.join(dataDir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const value = generate();
  try {
    fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
    log.warn("generated secret", { envName, file, hint: `set ${envName} explicitly in production` });
    return value;
  } catch (err) {
    // Another process created it between our read and write: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw err;
  }
}
