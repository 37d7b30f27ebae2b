import type { ColumnRole, TabularLayout, TabularProfile } from '../../../../main/core/contract/index.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { bankRoles, booksRoles, columnCount, roleAt } from './mapping-model.js';

const SAMPLE_ROWS = 8;

/** The file's first rows with a role select above each column; mapped columns are highlighted. */
export function MappingTable({
  draft, layout, onRole,
}: { draft: TabularProfile; layout: TabularLayout; onRole: (index: number, role: ColumnRole) => void }) {
  const { t, number } = useI18n();
  const count = columnCount(layout);
  const roles = draft.side === 'books' ? booksRoles : bankRoles;
  const confidence = (index: number): number | null => layout.columns.find((c) => c.index === index)?.confidence ?? null;
  const columnName = (index: number): string => layout.headers[index] || t('mapping.column', { n: number(index + 1) });

  return (
    <div className="mapping-scroll">
      <table className="table table-compact mapping-table" aria-label={t('mapping.table')}>
        <thead>
          <tr className="mapping-roles">
            {Array.from({ length: count }, (_, index) => {
              const role = roleAt(draft, index);
              const sure = confidence(index);
              return (
                <th key={index} scope="col" className={role === 'ignore' ? 'mapping-col' : 'mapping-col mapping-col-used'}>
                  <select
                    className="input select input-small mapping-select"
                    aria-label={t('mapping.roleOf', { column: columnName(index) })}
                    value={role}
                    onChange={(event) => onRole(index, event.target.value as ColumnRole)}
                  >
                    {roles.map((value) => (
                      <option key={value} value={value}>{t(`column.role.${value}`)}</option>
                    ))}
                  </select>
                  {sure !== null && role !== 'ignore' && sure < 0.8 ? (
                    <span className="mapping-unsure" title={t('mapping.unsure')}>{`${Math.round(sure * 100)} %`}</span>
                  ) : null}
                </th>
              );
            })}
          </tr>
          <tr>
            {Array.from({ length: count }, (_, index) => (
              <th key={index} scope="col" className="mapping-header">{columnName(index)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layout.sampleRows.slice(0, SAMPLE_ROWS).map((row, rowIndex) => (
            <tr key={rowIndex}>
              {Array.from({ length: count }, (_, index) => (
                <td key={index} className={roleAt(draft, index) === 'ignore' ? 'mapping-cell muted' : 'mapping-cell'} title={row[index] ?? ''}>
                  {row[index] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
