/** Additional authenticated data binding a queued span to its drain and span id. */
export const outboxAad = (drainId: string, spanId: string) => `outbox|drain:${drainId}|span:${spanId}`;
