import { isNegative } from '../i18n/format.js';
import { useI18n } from '../i18n/use-i18n.js';

type AmountProps = { currency: string } & ({ value: string; minor?: never } | { minor: number | bigint; value?: never });

/**
 * A money amount as tables show it: tabular figures, the currency code, a minus sign (never
 * parentheses) and the negative style. Pass a decimal string (`value`) or integer minor units.
 */
export function Amount(props: AmountProps) {
  const { amount, minor } = useI18n();
  const negative = props.minor !== undefined ? isNegative(props.minor) : isNegative(props.value);
  const text = props.minor !== undefined ? minor(props.minor, props.currency) : amount(props.value, props.currency);
  return <span className={negative ? 'amount num amount-negative' : 'amount num'}>{text}</span>;
}
