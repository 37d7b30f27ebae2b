import { useI18n } from '../../i18n/use-i18n.js';
import { evidenceParts, evidenceRanges, type EvidenceTerms } from './evidence.js';

/** A text with its evidence marked: the reference found in it and the counterparty's words. */
export function Evidence({ text, terms }: { text: string; terms: EvidenceTerms }) {
  const { t } = useI18n();
  const parts = evidenceParts(text, evidenceRanges(text, terms));
  return (
    <>
      {parts.map((part, index) =>
        part.kind === null ? (
          part.text
        ) : (
          <mark key={index} className={`evidence evidence-${part.kind}`} title={part.kind === 'reference' ? t('review.evidence.reference') : t('review.evidence.name')}>
            {part.text}
          </mark>
        ),
      )}
    </>
  );
}
