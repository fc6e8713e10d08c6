import { database } from "../db/database";
import { insertOutboxRows } from "../delivery/outbox-store";
import { loadSealTargets } from "./attribution";
import { Coalescer } from "./coalescer";
import { concatRows, type SealedRows, type SealTarget } from "./seal-slice";
import { insertStaged, type StagedSlice } from "./stage-store";

// Ingest's queries, shared by the requests in flight together (coalescer.ts says why): the
// lookup of keys' targets, and the INSERT of sealed spans (or of staged records). Large slices go alone, as
// before; small ones, a gateway posting records one per request, share a round trip.

const LOOKUP_LANES = 2;
const LOOKUP_MAX_KEYS = 1000;
const STORE_LANES = 4;
const STORE_MAX_BYTES = 2 * 1024 * 1024;

const lookups = new Coalescer<string[], Map<string, SealTarget>>({
  lanes: LOOKUP_LANES,
  maxWeight: LOOKUP_MAX_KEYS,
  weight: (hashes) => hashes.length,
  run: async (batches) => {
    const all = await loadSealTargets([...new Set(batches.flat())]);
    return batches.map(() => all);
  },
});

export const lookUpTargets = (hashes: string[]): Promise<Map<string, SealTarget>> => lookups.submit(hashes);

type Store = { rows: SealedRows; usedKeyIds: string[] };

const stores = new Coalescer<Store, void>({
  lanes: STORE_LANES,
  maxWeight: STORE_MAX_BYTES,
  weight: (store) => store.rows.payloads.byteLength,
  run: async (batch) => {
    const [first] = batch;
    const merged =
      batch.length === 1
        ? first!
        : { rows: concatRows(batch.map((s) => s.rows)), usedKeyIds: [...new Set(batch.flatMap((s) => s.usedKeyIds))] };
    await insertOutboxRows(database().driver, merged.rows, merged.usedKeyIds);
    return batch.map(() => undefined);
  },
});

/** Resolves once the rows are committed. */
export const storeRows = (rows: SealedRows, usedKeyIds: string[]): Promise<void> => stores.submit({ rows, usedKeyIds });

type Stage = { slice: StagedSlice; usedKeyIds: string[] };

const stages = new Coalescer<Stage, string>({
  lanes: STORE_LANES,
  maxWeight: STORE_MAX_BYTES,
  weight: (stage) => stage.slice.payload.byteLength,
  run: (batch) =>
    insertStaged(
      database().driver,
      batch.map((s) => s.slice),
      [...new Set(batch.flatMap((s) => s.usedKeyIds))],
    ),
});

/** Resolves with the staged row's id once it is committed. */
export const storeStaged = (slice: StagedSlice, usedKeyIds: string[]): Promise<string> =>
  stages.submit({ slice, usedKeyIds });
