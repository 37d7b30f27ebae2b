/** A status as a word with a dot: colour is never the only signal. */
export function StatusBadge({ tone, label }: { tone: 'ok' | 'pending' | 'danger' | 'neutral'; label: string }) {
  return (
    <span className={`badge badge-${tone}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
