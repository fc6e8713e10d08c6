import type { DrainType } from "../validation/llm-trace-drains";
import type { DestinationServer } from "./types";
import { langfuseServer } from "./langfuse/server";
import { otlpServer } from "./otlp/server";

// Every destination's server side, by drain type. The API, the domain layer, ingest and
// the delivery worker find a drain's destination here and nowhere else.
const DESTINATIONS: Record<DrainType, DestinationServer> = {
  langfuse: langfuseServer,
  otlp: otlpServer,
};

export function destinationFor(type: string): DestinationServer {
  const found = (DESTINATIONS as Record<string, DestinationServer | undefined>)[type];
  if (!found) throw new Error(`unknown drain type ${type}`);
  return found;
}
