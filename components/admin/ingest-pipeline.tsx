import type { ReactNode } from "react";
import type { IngestPipelineView } from "@/lib/validation/admin";
import { RelativeTime } from "@/components/ui/relative-time";
import { RetryUnsealableButton } from "./retry-unsealable-button";

// The platform's side of "nothing accepted is lost", for on-call: what was acknowledged and
// is still on its way, across every organization. Counts and ages only.

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function Oldest({ iso }: { iso: string | null }) {
  return iso ? (
    <>
      oldest <RelativeTime iso={iso} />
    </>
  ) : (
    "—"
  );
}

export function IngestPipeline({ pipeline }: { pipeline: IngestPipelineView }) {
  const { staged, unsealable, queued, deadLetters } = pipeline;
  const rows: { stage: string; held: ReactNode; oldestAt: string | null }[] = [
    {
      stage: "Waiting to be sealed into spans",
      held: count(staged.records, "record", "records"),
      oldestAt: staged.oldestAt,
    },
    {
      stage: "Could not be sealed",
      held:
        unsealable.records > 0 ? (
          <span className="badge badge-warn">{count(unsealable.records, "record", "records")}</span>
        ) : (
          count(0, "record", "records")
        ),
      oldestAt: unsealable.oldestAt,
    },
    { stage: "Queued for delivery", held: count(queued.spans, "span", "spans"), oldestAt: queued.oldestAt },
    { stage: "Dead letters", held: count(deadLetters, "span", "spans"), oldestAt: null },
  ];
  return (
    <section className="panel" aria-labelledby="pipeline-heading">
      <h2 id="pipeline-heading">Ingest pipeline</h2>
      <p className="muted">
        Records the gateway has been answered for, on their way to every organization&apos;s drains.
      </p>
      <div className="table-scroll">
        <table aria-labelledby="pipeline-heading">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Held</th>
              <th scope="col">Age</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ stage, held, oldestAt }) => (
              <tr key={stage}>
                <th scope="row">{stage}</th>
                <td>{held}</td>
                <td>
                  <Oldest iso={oldestAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unsealable.records > 0 ? (
        <div className="alert alert-warn" role="status">
          <p>
            Sealing gave up on {count(unsealable.records, "record", "records")} after its tries. They are kept, not
            forwarded. The server log says why (&ldquo;staged ingest: sealing failed&rdquo;); once that is fixed, try
            them again.
          </p>
          <RetryUnsealableButton />
        </div>
      ) : null}
    </section>
  );
}
