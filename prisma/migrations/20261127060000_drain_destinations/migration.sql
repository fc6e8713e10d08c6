-- A drain becomes its type, a non-secret configuration and an encrypted secret
-- configuration, so any destination fits (lib/destinations/). Langfuse drains move over as
-- they are: the secret key's ciphertext is kept byte for byte (its AAD already names the
-- field, "secretKey"), so nobody re-enters keys and queued spans keep flowing.
ALTER TABLE "llm_trace_drains"
  ADD COLUMN "config" JSONB,
  ADD COLUMN "secrets" JSONB,
  ADD COLUMN "secret_hints" JSONB;

UPDATE "llm_trace_drains" SET
  "config" = jsonb_build_object('baseUrl', "base_url", 'publicKey', "public_key"),
  "secrets" = jsonb_build_object('secretKey', "secret_key_ciphertext"),
  "secret_hints" = jsonb_build_object('secretKey', "secret_key_hint");

ALTER TABLE "llm_trace_drains"
  ALTER COLUMN "config" SET NOT NULL,
  ALTER COLUMN "secrets" SET NOT NULL,
  ALTER COLUMN "secret_hints" SET NOT NULL,
  DROP COLUMN "base_url",
  DROP COLUMN "public_key",
  DROP COLUMN "secret_key_ciphertext",
  DROP COLUMN "secret_key_hint";
