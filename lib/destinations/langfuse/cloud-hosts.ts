/** Langfuse Cloud's regions, suggested in the Base URL field. Only the HIPAA host is under a BAA. */
export const LANGFUSE_CLOUD_HOSTS = [
  { label: "Langfuse Cloud HIPAA (US, BAA available)", url: "https://hipaa.cloud.langfuse.com" },
  { label: "Langfuse Cloud EU", url: "https://cloud.langfuse.com" },
  { label: "Langfuse Cloud US", url: "https://us.cloud.langfuse.com" },
  { label: "Langfuse Cloud JP", url: "https://jp.cloud.langfuse.com" },
] as const;
