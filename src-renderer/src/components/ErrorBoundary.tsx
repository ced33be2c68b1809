import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * A bug in one screen must not leave a blank window: show what happened and a
 * way back. Data is safe either way — it lives in the core, not in the page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Orderhouse screen error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page page-centered">
        <section className="placeholder" role="alert" data-testid="screen-crash">
          <div className="placeholder-tag placeholder-tag-warn">Screen error</div>
          <h2 className="placeholder-title">This screen hit a problem</h2>
          <p className="placeholder-purpose">
            Nothing was lost: your data is kept by the Orderhouse core. Reload to continue. If it happens again, tell your administrator what you
            were doing.
          </p>
          <pre className="crash-detail">{this.state.error.message}</pre>
          <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
            Reload Orderhouse
          </button>
        </section>
      </div>
    );
  }
}
