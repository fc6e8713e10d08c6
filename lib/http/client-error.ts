import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { API_ANSWER_HEADERS } from "./security-headers";

// Node answers a request it cannot parse by itself (400; 431 for oversized headers; 408 when
// one takes too long to arrive), with no body and none of our headers. server.ts answers them
// here instead, in the API's error shape with the headers every answer carries.

const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "The request headers are too large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "request_timeout", "The request took too long to arrive"],
};

export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = ANSWERS[err.code ?? ""] ?? [400, "bad_request", "The request is not valid HTTP"];
  const body = JSON.stringify({ error: { code, message } });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    "Connection: close",
    ...API_ANSWER_HEADERS.map(({ key, value }) => `${key}: ${value}`),
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}
