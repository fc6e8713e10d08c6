import { z } from "zod";
import { AppError } from "../../errors";
import { basicAuth } from "../../outbound/https-request";
import type { DestinationServer } from "../types";
import { checkLangfuseConnection } from "./connection";
import { langfuseAttributes } from "./span-attributes";

// Langfuse: a project's Base URL and key pair. Spans go to its OTLP endpoint,
// {baseUrl}/api/public/otel/v1/traces, as gzip protobuf with Basic auth, and carry
// Langfuse's own attributes (span-attributes.ts) on top of the semconv ones.

const config = z.object({ baseUrl: z.string(), publicKey: z.string() });
type Config = z.infer<typeof config>;

/** A display hint that identifies a key without revealing it: `sk-lf-…abcd`. */
export const secretHint = (secret: string) => `sk-lf-…${secret.slice(-4)}`;

export function langfuseTracesUrl(baseUrl: string): string {
  return `${baseUrl}/api/public/otel/v1/traces`;
}

const secretOf = (secrets: Record<string, string>) => {
  const secretKey = secrets.secretKey;
  if (secretKey === undefined) throw new Error("the drain has no stored secret key");
  return secretKey;
};

export const langfuseServer: DestinationServer = {
  type: "langfuse",
  label: "Langfuse",
  credentialsNoun: "keys",
  updateFields: ["baseUrl", "publicKey", "secretKey"],

  fromCreate(input) {
    if (input.type !== "langfuse") throw new Error("not a Langfuse drain");
    const stored: Config = { baseUrl: input.baseUrl, publicKey: input.publicKey };
    return {
      config: stored,
      secrets: { secretKey: input.secretKey },
      hints: { secretKey: secretHint(input.secretKey) },
    };
  },

  fromTest(input) {
    if (input.type !== "langfuse") throw new Error("not a Langfuse connection");
    return { config: { baseUrl: input.baseUrl, publicKey: input.publicKey }, secrets: { secretKey: input.secretKey } };
  },

  update(stored, input) {
    const current = config.parse(stored.config);
    const baseUrlChanged = input.baseUrl !== undefined && input.baseUrl !== current.baseUrl;
    const publicKeyChanged = input.publicKey !== undefined && input.publicKey !== current.publicKey;
    // The stored secret must never be sent somewhere new, or paired with a key it was not issued with.
    if ((baseUrlChanged || publicKeyChanged) && !input.secretKey) {
      const message = baseUrlChanged
        ? "Re-enter the secret key to change the Base URL"
        : "Enter the secret key that belongs to the new public key";
      throw new AppError("validation_failed", message, { secretKey: message });
    }
    const next: Config = {
      baseUrl: baseUrlChanged ? input.baseUrl! : current.baseUrl,
      publicKey: publicKeyChanged ? input.publicKey! : current.publicKey,
    };
    return {
      ...(baseUrlChanged || publicKeyChanged ? { config: next } : {}),
      ...(input.secretKey
        ? { secrets: { secretKey: input.secretKey }, hints: { secretKey: secretHint(input.secretKey) } }
        : {}),
      changed: baseUrlChanged ? ["baseUrl"] : [],
      keysChanged: [publicKeyChanged ? "publicKey" : null, input.secretKey ? "secretKey" : null].filter(
        (f): f is string => f !== null,
      ),
    };
  },

  view(stored) {
    const { baseUrl, publicKey } = config.parse(stored.config);
    return { baseUrl, publicKey, secretKeyHint: stored.hints.secretKey ?? "sk-lf-…" };
  },

  urls: (stored) => ({ baseUrl: config.parse(stored).baseUrl }),

  checkConnection(stored, secrets) {
    const { baseUrl, publicKey } = config.parse(stored);
    return checkLangfuseConnection({ baseUrl, publicKey, secretKey: secretOf(secrets) });
  },

  exportTarget(stored, secrets) {
    const { baseUrl, publicKey } = config.parse(stored);
    return {
      url: langfuseTracesUrl(baseUrl),
      headers: {
        authorization: basicAuth(publicKey, secretOf(secrets)),
        // Langfuse's real-time write path (without it, data can take ~10 minutes to show).
        "x-langfuse-ingestion-version": "4",
      },
      encoding: "protobuf",
      compression: "gzip",
      label: "Langfuse",
      // A project over its plan: the keys are fine and ingestion resumes when the plan allows.
      isSuspension: (status, message) => status === 403 && /ingestion suspended/i.test(message),
    };
  },

  encoding: () => "protobuf",
  spanExtras: langfuseAttributes,

  // Langfuse's trace page is per project: the keys name their project (GET /api/public/projects).
  async traceUrl(stored, secrets, traceId) {
    const { baseUrl, publicKey } = config.parse(stored);
    const project = await checkLangfuseConnection({ baseUrl, publicKey, secretKey: secretOf(secrets) });
    return project.ok && project.projectId ? `${baseUrl}/project/${project.projectId}/traces/${traceId}` : undefined;
  },
};
