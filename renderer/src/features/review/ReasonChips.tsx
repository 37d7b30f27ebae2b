import type { MatchReason } from '../../../../main/core/contract/index.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { reasonIsCaution, reasonLabel } from './reason-text.js';

/** Why a match was proposed, as short chips: a check for evidence, a warning for doubts. */
export function ReasonChips({ reasons, currency, label }: { reasons: readonly MatchReason[]; currency: string; label: string }) {
  const i18n = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {reasons.map((reason, index) => {
        const caution = reasonIsCaution(reason);
        return (
          <li key={`${reason.code}-${index}`} className={caution ? 'chip chip-caution' : 'chip'}>
            <Icon name={caution ? 'warning' : 'check'} size={12} />
            <span>{reasonLabel(i18n, reason, currency)}</span>
          </li>
        );
      })}
    </ul>
  );
}
