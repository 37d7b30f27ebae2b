import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ageBucketOf, ageBuckets } from '../../renderer/src/features/overview/age-buckets.js';
import { AgeChart } from '../../renderer/src/features/overview/AgeChart.js';
import { makeReport, renderWithStore } from './support/report-fixtures.js';

afterEach(cleanup);

const item = (id: number, ageDays: number, amountMinor = 1_000) => ({ id, externalId: null, date: '2024-01-01', amountMinor, description: `item ${id}`, ageDays });
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('outstanding items by age', () => {
  it('puts ages in the bands 0–30, 31–60, 61–90 and over 90 days, edges included below', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 400, -2].map(ageBucketOf)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', 'over90', 'over90', '0-30']);
  });

  it('counts and sums each side per band, every band present', () => {
    const buckets = ageBuckets({
      outstandingBank: [item(1, 3, -2_500), item(2, 107, 80_000), item(3, 95, 500)],
      outstandingBooks: [item(4, 50, -27_500)],
    });
    expect(buckets).toEqual([
      { id: '0-30', bank: { count: 1, totalMinor: -2_500 }, books: { count: 0, totalMinor: 0 } },
      { id: '31-60', bank: { count: 0, totalMinor: 0 }, books: { count: 1, totalMinor: -27_500 } },
      { id: '61-90', bank: { count: 0, totalMinor: 0 }, books: { count: 0, totalMinor: 0 } },
      { id: 'over90', bank: { count: 2, totalMinor: 80_500 }, books: { count: 0, totalMinor: 0 } },
    ]);
  });

  it('draws an image with a text summary and gives the same figures as a table', () => {
    renderWithStore(<AgeChart report={makeReport()} />);
    const image = screen.getByRole('img', { name: /Outstanding items by age/ });
    expect(image.getAttribute('aria-labelledby')?.split(' ')).toHaveLength(2);
    expect(text(image.querySelector('desc'))).toBe('Outstanding: 2 bank lines and 1 book entry; 1 older than 90 days.');
    // Each bar says its count in words and numbers, never by colour alone.
    expect([...image.querySelectorAll('rect.age-bar title')].map((t) => t.textContent)).toContain('Bank lines, Over 90 days: 1');
    const table = screen.getByRole('table', { name: 'Outstanding items by age, as a table' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Age', 'Bank lines', 'Bank amount', 'Book entries', 'Books amount']);
    const rows = within(table).getAllByRole('row').slice(1).map(text);
    expect(rows).toEqual([
      '0–30 days1-EUR 25.000EUR 0.00',
      '31–60 days0EUR 0.001-EUR 275.00',
      '61–90 days0EUR 0.000EUR 0.00',
      'Over 90 days1EUR 800.000EUR 0.00',
    ]);
  });

  it('speaks Spanish', () => {
    renderWithStore(<AgeChart report={makeReport()} />, { languages: ['es-ES'] });
    const table = screen.getByRole('table', { name: 'Partidas pendientes por antigüedad, en tabla' });
    expect(text(within(table).getAllByRole('row')[4] ?? null)).toBe('Más de 90 días1800,00 EUR00,00 EUR');
  });
});
