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
            <tr>
              <th scope="row">Waiting to be sealed into spans</th>
              <td>{count(staged.records, "record", "records")}</td>
              <td>
                <Oldest iso={staged.oldestAt} />
              </td>
            </tr>
            <tr>
              <th scope="row">Could not be sealed</th>
              <td>
                {unsealable.records > 0 ? (
                  <span className="badge badge-warn">{count(unsealable.records, "record", "records")}</span>
                ) : (
                  count(0, "record", "records")
                )}
              </td>
              <td>
                <Oldest iso={unsealable.oldestAt} />
              </td>
            </tr>
            <tr>
              <th scope="row">Queued for delivery</th>
              <td>{count(queued.spans, "span", "spans")}</td>
              <td>
                <Oldest iso={queued.oldestAt} />
              </td>
            </tr>
            <tr>
              <th scope="row">Dead letters</th>
              <td>{count(deadLetters, "span", "spans")}</td>
              <td>—</td>
            </tr>
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
