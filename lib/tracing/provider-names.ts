// LiteLLM provider names → gen_ai.provider.name values of the semantic conventions.
const PROVIDERS: Record<string, string> = {
  openai: "openai",
  text_completion_openai: "openai",
  anthropic: "anthropic",
  bedrock: "aws.bedrock",
  bedrock_converse: "aws.bedrock",
  sagemaker: "aws.sagemaker",
  azure: "azure.ai.openai",
  azure_text: "azure.ai.openai",
  azure_ai: "azure.ai.inference",
  vertex_ai: "gcp.vertex_ai",
  vertex_ai_beta: "gcp.vertex_ai",
  gemini: "gcp.gemini",
  cohere: "cohere",
  cohere_chat: "cohere",
  deepseek: "deepseek",
  groq: "groq",
  mistral: "mistral_ai",
  perplexity: "perplexity",
  xai: "x_ai",
  watsonx: "ibm.watsonx.ai",
};

export function providerName(litellmProvider: string | undefined): string {
  if (!litellmProvider) return "_OTHER";
  return PROVIDERS[litellmProvider] ?? litellmProvider;
}
