// LiteLLM provider names → gen_ai.provider.name values of the semantic conventions.
const PROVIDERS: Record<string, string> = {
  openai: "openai",
  "text-completion-openai": "openai",
  anthropic: "anthropic",
  anthropic_text: "anthropic",
  bedrock: "aws.bedrock",
  bedrock_converse: "aws.bedrock",
  sagemaker: "aws.sagemaker",
  sagemaker_chat: "aws.sagemaker",
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
  codestral: "mistral_ai",
  "text-completion-codestral": "mistral_ai",
  perplexity: "perplexity",
  xai: "x_ai",
  watsonx: "ibm.watsonx.ai",
  watsonx_text: "ibm.watsonx.ai",
};

export function providerName(litellmProvider: string | undefined): string {
  if (!litellmProvider) return "_OTHER";
  return PROVIDERS[litellmProvider] ?? litellmProvider;
}
