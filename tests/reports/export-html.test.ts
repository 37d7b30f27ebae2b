/**
 * The printable view as a reader (and an attacker who controls a bank description) meets it:
 * every text escaped, nothing loaded or run, A4 print CSS, amounts and dates in the reader's
 * locale, and the unexplained remainder impossible to miss.
 */
import { describe, expect, it } from 'vitest';
import { reconciliationReportSchema, type ReconciliationReport } from '../../main/core/contract/match-schemas.js';
import { exportReport, reportFileName } from '../../main/core/reports/export.js';
import { escapeHtml, formatAmountForLocale, formatDateForLocale, reportToHtml } from '../../main/core/reports/print-view.js';

const report: ReconciliationReport = reconciliationReportSchema.parse({
  accountId: 9,
  accountName: '<script>alert("acct")</script>',
  iban: 'ES9121000418450200051332',
  currency: 'EUR',
  to: '2025-01-31',
  statementBalanceMinor: 1_523_456,
  statementBalanceDate: '2025-01-31',
  booksBalanceMinor: 1_400_000,
  outstandingBank: [
    { id: 11, externalId: '"><img src=x onerror=alert(1)>', date: '2025-01-28', amountMinor: -1250, description: 'Comisión & gastos <b>', ageDays: 3 },
    { id: 12, externalId: null, date: '2024-09-02', amountMinor: 123_456, description: "O'Brien </td></table><iframe src=//evil>", ageDays: 151 },
  ],
  outstandingBooks: [
    { id: 21, externalId: 'F-1', date: '2025-01-30', amountMinor: -20_000, description: '<style>body{display:none}</style>', ageDays: 1 },
  ],
  outstandingBankTotalMinor: 122_206,
  outstandingBooksTotalMinor: -20_000,
  unexplainedMinor: -18_750,
  lockedThrough: null,
  generatedAt: '2025-02-01T10:15:00Z',
});

const html = (r: ReconciliationReport, locale: 'es' | 'en', extra: { firmName?: string; companyName?: string } = {}): string =>
  reportToHtml(r, { locale, ...extra });
/** The document's text with tags dropped, whitespace folded: what a reader sees. */
const visibleText = (doc: string): string => doc.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('print view', () => {
  it('escapes every text from the report and the caller', () => {
    const doc = html(report, 'en', { firmName: '<b>Firm</b> & Co', companyName: '"Quoted" <i>' });
    // Only the tags the template writes: nothing from the data became markup.
    const tags = new Set([...doc.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()));
    expect([...tags].sort()).toEqual(['body', 'dd', 'div', 'dl', 'dt', 'footer', 'h1', 'h2', 'head', 'header', 'html', 'main', 'meta', 'p', 'section', 'style', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr'].sort());
    expect(doc.match(/<style>/g)).toHaveLength(1);
    expect(doc).toContain('&lt;script&gt;alert(&quot;acct&quot;)&lt;/script&gt;');
    expect(doc).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('O&#39;Brien &lt;/td&gt;&lt;/table&gt;&lt;iframe src=//evil&gt;');
    expect(doc).toContain('Comisión &amp; gastos &lt;b&gt;');
    expect(doc).toContain('&lt;b&gt;Firm&lt;/b&gt; &amp; Co');
    expect(doc).toContain('&quot;Quoted&quot; &lt;i&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('runs nothing and loads nothing', () => {
    const doc = html(report, 'es');
    // The hostile fixture's texts are escaped, so every '<' here opens one of the template's tags.
    expect(doc).not.toMatch(/<(script|link|img|iframe|object|embed|base|form)\b/i);
    expect(doc).not.toMatch(/<[^>]*\s(src|href|action|on[a-z]+)=/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(doc)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import|@font-face/i);
    expect(doc).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(doc).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(doc).toMatch(/@page \{ size: A4;/);
  });

  it('keeps the running footer’s account name inside its CSS string', () => {
    const tricky = reconciliationReportSchema.parse({ ...report, accountName: 'a"; } body { display: none } </style><script>x</script>' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html(tricky, 'en'))?.[1] ?? '';
    const bottomLeft = /@bottom-left \{ content: "([^"]*)";/.exec(style);
    expect(bottomLeft?.[1]).toMatch(/^[A-Za-z0-9 \\]+$/);
    expect(style).not.toContain('<');
    expect(style).not.toContain('display: none');
  });

  it('formats amounts and dates for the reader’s locale', () => {
    expect(formatAmountForLocale(123_456, 'EUR', 'es')).toBe('1.234,56 EUR');
    expect(formatAmountForLocale(123_456, 'EUR', 'en')).toBe('1,234.56 EUR');
    expect(formatAmountForLocale(-123_456_789, 'EUR', 'es')).toBe('-1.234.567,89 EUR');
    expect(formatAmountForLocale(-5, 'EUR', 'en')).toBe('-0.05 EUR');
    expect(formatAmountForLocale(0, 'EUR', 'es')).toBe('0,00 EUR');
    expect(formatAmountForLocale(99_999, 'EUR', 'es')).toBe('999,99 EUR');
    expect(formatAmountForLocale(1_500_000, 'JPY', 'es')).toBe('1.500.000 JPY');
    expect(formatAmountForLocale(1_234_567, 'KWD', 'en')).toBe('1,234.567 KWD');
    expect(formatDateForLocale('2025-01-31', 'es')).toBe('31/01/2025');
    expect(formatDateForLocale('2025-01-31', 'en')).toBe('31 Jan 2025');

    const es = visibleText(html(report, 'es'));
    expect(es).toContain('15.234,56 EUR');
    expect(es).toContain('14.000,00 EUR');
    expect(es).toContain('1.222,06 EUR');
    expect(es).toContain('Fecha de conciliación 31/01/2025');
    expect(es).toContain('ES91 2100 0418 4502 0005 1332');
    const en = visibleText(html(report, 'en'));
    expect(en).toContain('15,234.56 EUR');
    expect(en).toContain('1,222.06 EUR');
    expect(en).toContain('Reconciliation date 31 Jan 2025');
  });

  it('shows the proof with the unexplained remainder in red and in words', () => {
    const es = html(report, 'es');
    expect(es).toMatch(/<tr class="unexplained bad"><td class="op"><\/td><td>Sin explicar<\/td><td class="num">-187,50 EUR<\/td><\/tr>/);
    expect(es).toMatch(/tr\.unexplained\.bad td \{ color: #b00020;/);
    expect(visibleText(es)).toContain('Diferencia sin explicar');
    // The adjusted statement balance, between the outstanding totals and the books balance.
    expect(visibleText(es)).toMatch(/Saldo según extracto \(31\/01\/2025\) 15\.234,56 EUR − Menos partidas pendientes del banco 1\.222,06 EUR \+ Más partidas pendientes de contabilidad -200,00 EUR = Saldo del extracto ajustado 13\.812,50 EUR Saldo según contabilidad 14\.000,00 EUR Sin explicar -187,50 EUR/);
    const en = html(report, 'en');
    expect(en).toMatch(/<tr class="unexplained bad">.*?<td>Unexplained<\/td><td class="num">-187\.50 EUR<\/td>/);

    // books + outstanding bank − outstanding books: 14000.00 + 1222.06 + 200.00.
    const reconciled = reconciliationReportSchema.parse({ ...report, statementBalanceMinor: 1_542_206, unexplainedMinor: 0 });
    const ok = html(reconciled, 'en');
    expect(ok).toContain('<tr class="unexplained ok">');
    expect(ok).not.toContain('unexplained bad');
    expect(visibleText(ok)).toContain('Adjusted statement balance 14,000.00 EUR Books balance 14,000.00 EUR Unexplained 0.00 EUR Reconciled');

    const unknown = html(reconciliationReportSchema.parse({ ...report, statementBalanceMinor: null, statementBalanceDate: null, unexplainedMinor: null }), 'es');
    expect(unknown).toContain('<tr class="unexplained unknown">');
    expect(visibleText(unknown)).toContain('Sin explicar No disponible');
    expect(visibleText(unknown)).toContain('No se puede calcular');
  });

  it('lists outstanding items with their ages and totals, and says when there are none', () => {
    const en = visibleText(html(report, 'en'));
    expect(en).toContain('Outstanding bank items (2 items)');
    expect(en).toContain('28 Jan 2025');
    expect(en).toContain('-12.50 EUR 3');
    expect(en).toContain('#12');
    expect(en).toContain('1,234.56 EUR 151');
    expect(en).toContain('Total 1,222.06 EUR');
    expect(en).toContain('Outstanding books items (1 item)');
    expect(html(report, 'en')).toContain('<td class="num aged">151</td>');
    const none = visibleText(html(reconciliationReportSchema.parse({ ...report, outstandingBooks: [], outstandingBooksTotalMinor: 0 }), 'es'));
    expect(none).toContain('Partidas pendientes de contabilidad (0 partidas) Sin partidas pendientes');
  });

  it('has a header with firm, company, account and IBAN, and a generated-at footer', () => {
    const doc = html(report, 'es', { firmName: 'Asesoría Pérez', companyName: 'Talleres García S.L.' });
    expect(doc).toContain('<div class="firm">Asesoría Pérez</div>');
    expect(visibleText(doc)).toContain('Empresa Talleres García S.L. Cuenta &lt;script&gt;');
    expect(doc).toMatch(/<footer>Generado por Cuadra el 01\/02\/2025 10:15 UTC<\/footer>/);
    expect(html(report, 'en')).toMatch(/<footer>Generated by Cuadra at 1 Feb 2025 10:15 UTC<\/footer>/);
    expect(html(report, 'en')).not.toContain('class="firm"');
  });

  it('comes out of exportReport as UTF-8 HTML with a file name the PDF can share', async () => {
    const file = await exportReport(report, { format: 'html', locale: 'es' });
    expect(file.mimeType).toBe('text/html;charset=utf-8');
    expect(file.fileName).toBe('conciliacion-script-alert-acct-script-2025-01-31.html');
    expect(new TextDecoder().decode(file.bytes)).toBe(html(report, 'es'));
    expect(reportFileName(report, 'pdf', 'en')).toBe('reconciliation-script-alert-acct-script-2025-01-31.pdf');
    const accented = reconciliationReportSchema.parse({ ...report, accountName: 'Caja Rural — Añorbe / Cta. nº 2' });
    expect(reportFileName(accented, 'csv', 'es')).toBe('conciliacion-caja-rural-anorbe-cta-no-2-2025-01-31.csv');
    expect(reportFileName(reconciliationReportSchema.parse({ ...report, accountName: '   ' }), 'xlsx', 'en')).toBe('reconciliation-account-9-2025-01-31.xlsx');
  });
});
