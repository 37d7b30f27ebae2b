import { useId } from 'react';
import type { ReconciliationReport } from '../../../../main/core/contract/index.js';
import { Amount } from '../../components/Amount.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { ageBuckets, type AgeBucketId } from './age-buckets.js';

const WIDTH = 480;
const HEIGHT = 180;
const TOP = 18;
const BOTTOM = 28;
const BAR = 30;
const GAP = 6;

type Outstanding = Pick<ReconciliationReport, 'outstandingBank' | 'outstandingBooks' | 'currency'>;

/**
 * Outstanding items by age as bars (bank lines solid, book entries hatched, each with its count
 * written above it, so colour is never the only cue) and the same figures as a table with amounts.
 */
export function AgeChart({ report, headingLevel = 3 }: { report: Outstanding; headingLevel?: 2 | 3 }) {
  const { t, tn, number } = useI18n();
  const base = useId().replace(/[^a-zA-Z0-9]/g, '');
  const buckets = ageBuckets(report);
  const label = (id: AgeBucketId): string => t(`age.bucket.${id}`);
  const max = Math.max(1, ...buckets.flatMap((b) => [b.bank.count, b.books.count]));
  const plot = HEIGHT - TOP - BOTTOM;
  const group = WIDTH / buckets.length;
  const old = buckets.find((b) => b.id === 'over90');
  const summary = t('age.summary', {
    bank: tn('age.bankCount', report.outstandingBank.length),
    books: tn('age.booksCount', report.outstandingBooks.length),
    old: number((old?.bank.count ?? 0) + (old?.books.count ?? 0)),
  });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <section className="age-chart" aria-labelledby={`${base}-heading`}>
      <Heading id={`${base}-heading`} className="section-title">{t('age.title')}</Heading>
      <svg
        className="age-svg"
        role="img"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        aria-labelledby={`${base}-title ${base}-desc`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${base}-title`}>{t('age.title')}</title>
        <desc id={`${base}-desc`}>{summary}</desc>
        <defs>
          <pattern id={`${base}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="age-hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="age-hatch-line" />
          </pattern>
        </defs>
        <line x1="0" x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="age-axis" />
        {buckets.map((bucket, index) => {
          const centre = group * index + group / 2;
          const bars = [
            { side: 'bank' as const, count: bucket.bank.count, x: centre - BAR - GAP / 2 },
            { side: 'books' as const, count: bucket.books.count, x: centre + GAP / 2 },
          ];
          return (
            <g key={bucket.id} data-bucket={bucket.id}>
              {bars.map((bar) => {
                const height = (bar.count / max) * plot;
                const y = HEIGHT - BOTTOM - height;
                return (
                  <g key={bar.side}>
                    <rect
                      x={bar.x}
                      y={y}
                      width={BAR}
                      height={height}
                      className={`age-bar age-bar-${bar.side}`}
                      fill={bar.side === 'books' ? `url(#${base}-hatch)` : undefined}
                    >
                      <title>{t('age.bar', { side: t(bar.side === 'bank' ? 'age.bank' : 'age.books'), bucket: label(bucket.id), count: number(bar.count) })}</title>
                    </rect>
                    <text x={bar.x + BAR / 2} y={y - 4} className="age-count" textAnchor="middle">{number(bar.count)}</text>
                  </g>
                );
              })}
              <text x={centre} y={HEIGHT - 8} className="age-label" textAnchor="middle">{label(bucket.id)}</text>
            </g>
          );
        })}
      </svg>
      <ul className="age-legend" aria-hidden="true">
        <li><span className="age-swatch age-swatch-bank" />{t('age.bank')}</li>
        <li><span className="age-swatch age-swatch-books" />{t('age.books')}</li>
      </ul>
      <table className="table table-compact" data-testid="age-table">
        <caption className="table-caption">{t('age.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('age.col.age')}</th>
            <th scope="col" className="num">{t('age.col.bankCount')}</th>
            <th scope="col" className="num">{t('age.col.bankTotal')}</th>
            <th scope="col" className="num">{t('age.col.booksCount')}</th>
            <th scope="col" className="num">{t('age.col.booksTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.id}>
              <th scope="row">{label(bucket.id)}</th>
              <td className="num">{number(bucket.bank.count)}</td>
              <td className="num"><Amount minor={bucket.bank.totalMinor} currency={report.currency} /></td>
              <td className="num">{number(bucket.books.count)}</td>
              <td className="num"><Amount minor={bucket.books.totalMinor} currency={report.currency} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
