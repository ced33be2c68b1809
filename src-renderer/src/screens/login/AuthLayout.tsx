import type { ReactNode } from 'react';

/** The centred card used before sign-in: brand, a title, the workspace, the form. */
export function AuthLayout({ title, subtitle, children, footer, testId }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode; testId?: string }) {
  return (
    <main className="auth-page" data-testid={testId}>
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            O
          </span>
          <span className="brand-name">Orderhouse</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {subtitle ? <div className="auth-subtitle">{subtitle}</div> : null}
        {children}
      </div>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </main>
  );
}
