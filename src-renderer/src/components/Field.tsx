import type { ReactNode } from 'react';

/**
 * A labelled form control with its error right beneath it (VALIDATION errors
 * name the field, so the message lands next to what needs fixing).
 */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string | null; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}
