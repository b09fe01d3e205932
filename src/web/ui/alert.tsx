import type { ReactNode } from 'react';

/** Errors are announced at once (role=alert); confirmations politely (role=status). */
export const Alert = ({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) => (
  <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);
