import type { ReactNode } from 'react';

/** A message about the whole form or screen; `role="alert"` so it is announced when it appears. */
export function Alert({ tone = 'error', children, testId }: { tone?: 'error' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
