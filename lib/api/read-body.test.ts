import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readTextCapped } from "./read-body";

const post = (body: ReadableStream<Uint8Array>) =>
  new Request("http://dash.example/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("readTextCapped", () => {
  it("reads a body that arrives in parts", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes('{"a":'));
        c.enqueue(bytes("1}"));
        c.close();
      },
    });
    await expect(readTextCapped(post(body), 1024)).resolves.toBe('{"a":1}');
  });

  it("answers 408 and closes the connection when a body stops arriving", async () => {
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(bytes('{"email":')) });
    const started = Date.now();
    const err = await readTextCapped(post(body), 1024, 50).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "request_timeout", status: 408, headers: { Connection: "close" } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reads a client that left mid-body as a bad request, not as a failure of the server", async () => {
    const reset = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.error(reset);
      },
    });
    await expect(readTextCapped(post(body), 1024)).rejects.toMatchObject({ code: "bad_request", status: 400 });
  });

  it("refuses a body over the limit", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(2048));
        c.close();
      },
    });
    await expect(readTextCapped(post(body), 1024)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
