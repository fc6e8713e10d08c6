/** Additional authenticated data binding a queued span to its drain and span id. */
export const outboxAad = (drainId: string, spanId: string) => `outbox|drain:${drainId}|span:${spanId}`;

/** Additional authenticated data of staged ingest records (lib/ingest/stage-slice.ts). */
export const STAGE_AAD = "ingest_stage";
