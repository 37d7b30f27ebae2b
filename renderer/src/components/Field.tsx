import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useI18n } from '../i18n/use-i18n.js';

interface FieldChrome {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  className?: string;
}

function describedBy(hintId: string | undefined, errorId: string | undefined): string | undefined {
  const ids = [errorId, hintId].filter(Boolean).join(' ');
  return ids === '' ? undefined : ids;
}

function FieldFrame({
  id, label, hint, error, optional, className, children,
}: FieldChrome & { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional ? <span className="field-optional"> ({t('common.optional')})</span> : null}
      </label>
      {children}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
      {hint ? <p id={`${id}-hint`} className="field-hint">{hint}</p> : null}
    </div>
  );
}

/** A labelled text input with an optional hint and error, linked for screen readers. */
export function TextField({
  label, hint, error, optional, className, id, ...input
}: FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldFrame id={inputId} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input
        id={inputId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${inputId}-hint` : undefined, error ? `${inputId}-error` : undefined)}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled select with an optional hint and error. */
export function SelectField({
  label, hint, error, optional, className, id, children, ...select
}: FieldChrome & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <FieldFrame id={selectId} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select
        id={selectId}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${selectId}-hint` : undefined, error ? `${selectId}-error` : undefined)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}
