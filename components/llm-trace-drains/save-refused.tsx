// Shown when saving tested the connection first and the test failed: why, and the way to
// save regardless (the destination may be down for now, or reachable only later). Without
// `onSaveAnyway` the save would be refused again (a private address), so none is offered.
export function SaveRefused({ reason, onSaveAnyway }: { reason: string; onSaveAnyway?: () => void }) {
  return (
    <div className="alert alert-warn" role="alert">
      Not saved: the connection test failed. {reason} Fix the settings and save again
      {onSaveAnyway ? ", or save anyway if the destination is only unreachable for now. " : "."}
      {onSaveAnyway && (
        <button type="button" className="btn" onClick={onSaveAnyway}>
          Save anyway
        </button>
      )}
    </div>
  );
}
