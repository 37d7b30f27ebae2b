/**
 * Progress of long work as a bar with its counts; without a total it is indeterminate (a moving
 * stripe) and says so to screen readers by leaving aria-valuenow out.
 */
export function ProgressBar({ label, done, total, text }: { label: string; done: number; total: number | null; text?: string }) {
  const known = total !== null && total > 0;
  const share = known ? Math.min(1, done / total) : 0;
  return (
    <div className="progress">
      <div
        className={known ? 'progress-track' : 'progress-track progress-indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={known ? { width: `${(share * 100).toFixed(1)}%` } : undefined} />
      </div>
      {text ? <span className="progress-text">{text}</span> : null}
    </div>
  );
}
