import type { ReactNode } from "react";
import type { IngestPipelineView } from "@/lib/validation/admin";
import { RelativeTime } from "@/components/ui/relative-time";
import { countOf } from "@/lib/format";
import { UnsealableRetry } from "./unsealable-retry";

// The platform's side of "nothing accepted is lost", for on-call: what was acknowledged and
// is still on its way, across every organization. Counts and ages only.

const spans = ({ spans: n, more }: { spans: number; more: boolean }) =>
  more ? `more than ${countOf(n, "span")}` : countOf(n, "span");

function Oldest({ iso }: { iso: string | null }) {
  return iso ? (
    <>
      oldest <RelativeTime iso={iso} />
    </>
  ) : (
    "—"
  );
}

/** `pipeline` is null when it could not be read (the rest of the admin page still renders). */
export function IngestPipeline({ pipeline }: { pipeline: IngestPipelineView | null }) {
  return (
    <section className="panel" aria-labelledby="pipeline-heading">
      <h2 id="pipeline-heading">Ingest pipeline</h2>
      <p className="muted">
        Records accepted from the gateway and not yet delivered, every organization. Reload the page for current
        figures.
      </p>
      {pipeline ? (
        <PipelineTable pipeline={pipeline} />
      ) : (
        <div className="alert alert-error" role="alert">
          The pipeline could not be read just now. Reload the page to try again.
        </div>
      )}
    </section>
  );
}

function PipelineTable({ pipeline }: { pipeline: IngestPipelineView }) {
  const { staged, unsealable, queued, deadLetters } = pipeline;
  const rows: { stage: string; held: ReactNode; oldestAt: string | null }[] = [
    {
      stage: "Waiting to be sealed into spans",
      held: countOf(staged.records, "record"),
      oldestAt: staged.oldestAt,
    },
    {
      stage: "Could not be sealed",
      held:
        unsealable.records > 0 ? (
          <span className="badge badge-warn">{countOf(unsealable.records, "record")}</span>
        ) : (
          countOf(0, "record")
        ),
      oldestAt: unsealable.oldestAt,
    },
    { stage: "Queued for delivery", held: spans(queued), oldestAt: queued.oldestAt },
    { stage: "Dead letters", held: spans(deadLetters), oldestAt: deadLetters.oldestAt },
  ];
  return (
    <>
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
      <UnsealableRetry records={unsealable.records} />
    </>
  );
}
