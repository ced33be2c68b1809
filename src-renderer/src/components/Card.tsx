import type { ReactNode } from 'react';

export function Card({ title, aside, children, testId, className }: { title: string; aside?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`} data-testid={testId} aria-label={title}>
      <header className="card-header">
        <h3 className="card-title">{title}</h3>
        {aside ? <div className="card-aside">{aside}</div> : null}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}
