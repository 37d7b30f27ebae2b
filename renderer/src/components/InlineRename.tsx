import { useEffect, useRef, useState } from 'react';

interface InlineRenameProps {
  value: string;
  /** The accessible name of the input, e.g. "Company name". */
  label: string;
  /** Saves; resolves true when the new name was accepted. */
  onSave(name: string): Promise<boolean>;
  onDone(): void;
  error?: string | null;
}

/** A name edited in place: Enter or leaving the field saves, Escape cancels. */
export function InlineRename({ value, label, onSave, onDone, error }: InlineRenameProps) {
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = async (): Promise<void> => {
    if (cancelled.current || saving) return;
    const name = draft.trim();
    if (name === '' || name === value) {
      onDone();
      return;
    }
    setSaving(true);
    const ok = await onSave(name);
    setSaving(false);
    if (ok) onDone();
    else input.current?.focus();
  };

  return (
    <span className="inline-rename">
      <input
        ref={input}
        className="input input-inline"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={draft}
        disabled={saving}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            cancelled.current = true;
            onDone();
          }
        }}
        onBlur={() => {
          if (!error) void save();
        }}
      />
      {error ? <span className="field-error" role="alert">{error}</span> : null}
    </span>
  );
}
