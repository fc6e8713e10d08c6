// tsx bench/e2e/seed-cli.ts <databaseUrl> <receiverUrl>: seeds the benchmark drain (for profiling runs by hand).
import { seedBenchDrain } from "./seed";

const [databaseUrl, receiverUrl] = process.argv.slice(2);
process.stdout.write(`${await seedBenchDrain(databaseUrl!, receiverUrl!, process.env.DRAIN_ENCRYPTION_KEYS!)}\n`);
