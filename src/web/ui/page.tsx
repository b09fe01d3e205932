import type { ReactNode } from 'react';

/** A section's page: its title (the heading the page is labelled by), an optional lead, then its content. */
export const Page = ({ id, title, intro, className, children }: { id: string; title: string; intro?: string; className?: string; children: ReactNode }) => (
  <section className={className ? `page ${className}` : 'page'} aria-labelledby={`${id}-title`}>
    <header className="page-header">
      <h1 id={`${id}-title`}>{title}</h1>
      {intro !== undefined && <p className="lead">{intro}</p>}
    </header>
    {children}
  </section>
);
