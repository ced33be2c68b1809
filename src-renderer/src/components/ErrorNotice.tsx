import type { OmsErrorShape } from '../../../src-shared/contract';
import { errorTitle } from '../lib/api';

/** Shows a typed error from the core: a short heading by code, then the core's own message. */
export function ErrorNotice({ error, onRetry, testId = 'error' }: { error: OmsErrorShape; onRetry?: () => void; testId?: string }) {
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-code={error.code}>
      <div className="notice-text">
        <strong>{errorTitle(error)}.</strong> {error.message}
      </div>
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
