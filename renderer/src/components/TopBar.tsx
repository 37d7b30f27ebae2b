import type { ReactNode } from 'react';

/** The bar on top of every screen: its title, its key figures and its primary action. */
export function TopBar({
  title, context, figures, actions,
}: { title: string; context?: string | null; figures?: readonly string[]; actions?: ReactNode }) {
  return (
    <header className="topbar">
      <div className="topbar-heading">
        <h1 id="screen-title" className="topbar-title" tabIndex={-1}>{title}</h1>
        {context ? <span className="topbar-context">{context}</span> : null}
      </div>
      {figures && figures.length > 0 ? (
        <p className="topbar-figures" data-testid="key-figures">{figures.join(' · ')}</p>
      ) : null}
      <div className="topbar-actions">{actions}</div>
    </header>
  );
}
