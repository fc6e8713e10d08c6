import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type TlsFiles = { cert: string; key: string; certPath: string; keyPath: string };

/**
 * A throwaway self-signed certificate for localhost / 127.0.0.1, made with openssl at test
 * time and reused while its files exist (test servers and the app must agree on one cert).
 */
export function ensureSelfSignedCert(dir: string, name = "localhost"): TlsFiles {
  fs.mkdirSync(dir, { recursive: true });
  const certPath = path.join(dir, `${name}.crt`);
  const keyPath = path.join(dir, `${name}.key`);
  if (!fs.existsSync(certPath) || !fs.existsSync(keyPath)) {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        keyPath,
        "-out",
        certPath,
      ],
      { stdio: "ignore" },
    );
  }
  return { cert: fs.readFileSync(certPath, "utf8"), key: fs.readFileSync(keyPath, "utf8"), certPath, keyPath };
}
