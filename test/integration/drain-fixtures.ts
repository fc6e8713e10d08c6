import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startFakeLangfuse, type FakeLangfuse } from "../support/fake-langfuse";
import { startFakeOtlp, type FakeOtlp } from "../support/fake-otlp";
import { ensureSelfSignedCert } from "../support/tls";

/** Starts a fake server for the file, on the test certificate (trusted through NODE_EXTRA_CA_CERTS, see global-setup.ts). */
function withFake<T extends { close(): Promise<void> }>(start: (tls: { cert: string; key: string }) => Promise<T>) {
  let fake: T | undefined;
  beforeAll(async () => {
    fake = await start(ensureSelfSignedCert(process.env.TEST_TLS_DIR ?? path.join(process.cwd(), ".test-tls")));
  });
  afterAll(async () => {
    await fake?.close();
  });
  return () => fake!;
}

export const withFakeLangfuse = (): (() => FakeLangfuse) =>
  withFake((tls) => startFakeLangfuse({ cert: tls.cert, key: tls.key }));

export const withFakeOtlp = (): (() => FakeOtlp) => withFake((tls) => startFakeOtlp({ cert: tls.cert, key: tls.key }));

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
