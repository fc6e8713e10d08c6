import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startFakeLangfuse, type FakeLangfuse } from "../support/fake-langfuse";
import { ensureSelfSignedCert } from "../support/tls";

/** Starts a fake Langfuse (trusted through NODE_EXTRA_CA_CERTS, see global-setup.ts) for the file. */
export function withFakeLangfuse(): () => FakeLangfuse {
  let fake: FakeLangfuse | undefined;
  beforeAll(async () => {
    const tls = ensureSelfSignedCert(process.env.TEST_TLS_DIR ?? path.join(process.cwd(), ".test-tls"));
    fake = await startFakeLangfuse({ cert: tls.cert, key: tls.key });
  });
  afterAll(async () => {
    await fake?.close();
  });
  return () => fake!;
}

/** Captures everything the process logs while a test file runs, to scan it for secrets. */
export function captureLogs(): () => string {
  const lines: string[] = [];
  const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  beforeAll(() => {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      lines.push(String(chunk));
      return original.out(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      lines.push(String(chunk));
      return original.err(chunk, ...rest);
    }) as typeof process.stderr.write;
  });
  afterAll(() => {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  });
  return () => lines.join("");
}
