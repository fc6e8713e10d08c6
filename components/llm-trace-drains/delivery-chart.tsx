import type { DrainHealth } from "@/lib/validation/drain-health";

// 24 hourly bars: delivered above the axis, failed attempts and dead-lettered below (a span
// retried five times is five failed attempts, then one delivery or one dead letter). Hand-drawn SVG:
// one small chart does not justify a charting library in the bundle.
export function DeliveryChart({ hourly }: { hourly: DrainHealth["hourly"] }) {
  const width = 480;
  const height = 120;
  const mid = 80;
  const barWidth = width / hourly.length;
  const maxUp = Math.max(1, ...hourly.map((h) => h.delivered));
  const maxDown = Math.max(1, ...hourly.map((h) => h.failed + h.deadLettered));
  const total = hourly.reduce((n, h) => n + h.delivered, 0);
  const failures = hourly.reduce((n, h) => n + h.failed + h.deadLettered, 0);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        height={height}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Deliveries over the last 24 hours: ${total} delivered, ${failures} failed attempts or dead letters`}
      >
        <line x1={0} x2={width} y1={mid} y2={mid} stroke="var(--border)" />
        {hourly.map((h, i) => {
          const up = (h.delivered / maxUp) * (mid - 6);
          const down = ((h.failed + h.deadLettered) / maxDown) * (height - mid - 4);
          return (
            <g key={h.hour}>
              <title>{`${h.hour.slice(11, 16)} UTC: ${h.delivered} delivered, ${h.failed} failed attempts, ${h.deadLettered} dead-lettered`}</title>
              <rect x={i * barWidth + 1} y={mid - up} width={barWidth - 2} height={up} fill="var(--ok)" />
              <rect x={i * barWidth + 1} y={mid} width={barWidth - 2} height={down} fill="var(--danger)" />
            </g>
          );
        })}
      </svg>
      <div className="chart-axis" aria-hidden="true">
        {[0, 6, 12, 18, 23].map((i) => (
          <span key={i}>{hourly[i] ? `${hourly[i].hour.slice(11, 16)}` : ""}</span>
        ))}
      </div>
      <figcaption className="muted" style={{ fontSize: 12 }}>
        Last 24 hours, hourly (UTC): delivered above the line, failed attempts and dead letters below.
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <div className="table-scroll">
          <table aria-label="Deliveries per hour">
            <thead>
              <tr>
                <th scope="col">Hour (UTC)</th>
                <th scope="col">Delivered</th>
                <th scope="col">Failed attempts</th>
                <th scope="col">Dead-lettered</th>
              </tr>
            </thead>
            <tbody>
              {hourly.map((h) => (
                <tr key={h.hour}>
                  <td>{h.hour.slice(0, 16).replace("T", " ")}</td>
                  <td>{h.delivered}</td>
                  <td>{h.failed}</td>
                  <td>{h.deadLettered}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
