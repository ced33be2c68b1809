import { useReturnWizard, type WizardStep } from '../../../stores/return-wizard';

/** Back / next buttons under every wizard step. */
export function Nav({ back, next, nextLabel, disabled, testId }: { back?: WizardStep; next: () => void; nextLabel: string; disabled?: boolean; testId?: string }) {
  const goTo = useReturnWizard((s) => s.goTo);
  const busy = useReturnWizard((s) => s.busy);
  return (
    <div className="wizard-nav">
      {back ? (
        <button type="button" className="btn" onClick={() => goTo(back)}>
          Back
        </button>
      ) : (
        <span />
      )}
      <button type="button" className="btn btn-primary" disabled={disabled || busy} onClick={next} data-testid={testId ?? 'wizard-next'}>
        {busy ? 'Working…' : nextLabel}
      </button>
    </div>
  );
}
