// Runs `prisma generate` offline. Prisma's CLI tries to download its schema engine unless
// PRISMA_SCHEMA_ENGINE_BINARY names a file; generate never executes it, so any file will do.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
