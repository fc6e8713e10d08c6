// Shown when saving tested the connection first and the test failed: why, and the way to
// save regardless (the destination may be down for now, or reachable only later).
export function SaveRefused({ reason, onSaveAnyway }: { reason: string; onSaveAnyway: () => void }) {
  return (
    <div className="alert alert-warn" role="alert">
      Not saved: the connection test failed. {reason} Fix the settings and save again, or save anyway if the destination
      is only unreachable for now.{" "}
      <button type="button" className="btn" onClick={onSaveAnyway}>
        Save anyway
      </button>
    </div>
  );
}
