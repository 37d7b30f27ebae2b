import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

/** A calm empty screen: what will be here and what to do next. */
export function EmptyState({
  icon, title, children, action,
}: { icon: IconName; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty" aria-label={title}>
      <Icon name={icon} size={32} className="empty-icon" />
      <h2 className="empty-title">{title}</h2>
      <div className="empty-body">{children}</div>
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  );
}
