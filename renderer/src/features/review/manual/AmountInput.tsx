import { useState } from 'react';
import { currencyDigits, minorToDecimal } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/use-i18n.js';
import { decimalSeparatorOf, parseAmountInput } from '../../account-view/amount-input.js';

/** An amount as the person types it in the locale ("1.234,50"), without sign or currency. */
export function amountText(minor: number | null, currency: string, locale: string): string {
  if (minor === null) return '';
  return minorToDecimal(Math.abs(minor), currencyDigits(currency)).replace('.', decimalSeparatorOf(locale));
}

/**
 * A money field typed freely and applied on Enter or when left: gives the absolute amount in minor
 * units (null when emptied); the owner puts the sign back. The owner keys it by its value so a
 * value set from outside starts it afresh.
 */
export function AmountInput({
  label, value, currency, onApply, className, allowEmpty = true,
}: {
  label: string;
  value: number | null;
  currency: string;
  onApply: (minor: number | null) => void;
  className?: string;
  allowEmpty?: boolean;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => amountText(value, currency, locale));
  const [invalid, setInvalid] = useState(false);
  const apply = (): void => {
    const parsed = parseAmountInput(text, currencyDigits(currency), locale);
    const bad = parsed === 'invalid' || (parsed === null && !allowEmpty);
    setInvalid(bad);
    if (!bad && parsed !== (value === null ? null : Math.abs(value))) onApply(parsed);
  };
  return (
    <input
      className={['input input-small num', className ?? ''].join(' ').trim()}
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || undefined}
      title={invalid ? t('lines.filter.amountInvalid') : undefined}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply();
        }
      }}
    />
  );
}
