// Demo data for the zero-setup mode. Everything here is public by design: the README lists
// these credentials and keys, and the gateway simulator signs its requests with the keys.

export const DEMO_PASSWORD = "trace-drain-demo";

export const demoUsers = [
  { email: "alice@acme.example", name: "Alice Ng", org: "acme-health", role: "OWNER" },
  { email: "bob@acme.example", name: "Bob Ruiz", org: "acme-health", role: "MEMBER" },
  { email: "gina@globex.example", name: "Gina Park", org: "globex", role: "OWNER" },
  { email: "ian@initech.example", name: "Ian Moss", org: "initech", role: "OWNER" },
  { email: "admin@platform.example", name: "Pat Admin", org: null, role: null },
] as const;

export const demoOrganizations = [
  {
    handle: "acme-health",
    name: "Acme Health",
    baaSigned: true,
    betaEnrolled: true,
    environments: ["acme-production", "acme-staging"],
  },
  { handle: "globex", name: "Globex", baaSigned: false, betaEnrolled: false, environments: ["globex-production"] },
  { handle: "initech", name: "Initech", baaSigned: true, betaEnrolled: false, environments: ["initech-production"] },
] as const;

/** Fixed plaintext LLM keys (the database stores only their sha256). */
export const demoLlmKeys = [
  {
    environment: "acme-production",
    alias: "clinical-notes-api",
    secret: "sk-apt-demo-acme-production-notes-0000000000000001",
  },
  {
    environment: "acme-production",
    alias: "patient-chatbot",
    secret: "sk-apt-demo-acme-production-chat-00000000000000002",
  },
  { environment: "acme-staging", alias: "staging-tests", secret: "sk-apt-demo-acme-staging-tests-000000000000000003" },
  {
    environment: "globex-production",
    alias: "globex-app",
    secret: "sk-apt-demo-globex-production-app-0000000000000004",
  },
  {
    environment: "initech-production",
    alias: "initech-app",
    secret: "sk-apt-demo-initech-production-app-000000000000005",
  },
] as const;
