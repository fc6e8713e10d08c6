import path from "node:path";
import { ensureSelfSignedCert } from "../support/tls";

// Runs in the main process before test workers start, so the workers inherit a CA bundle
// that trusts the fake Langfuse's throwaway certificate (Node reads it only at start-up).
export default function setup() {
  const tls = ensureSelfSignedCert(path.join(process.cwd(), ".test-tls"));
  process.env.NODE_EXTRA_CA_CERTS = tls.certPath;
  process.env.TEST_TLS_DIR = path.dirname(tls.certPath);
}
