import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fieldMessage } from '../../lib/api';
import { formatListDate } from '../../lib/format';
import { STEP_LABELS, useReturnWizard, WIZARD_STEPS, type WizardStep } from '../../stores/return-wizard';
import { ItemsStep, OrderStep } from './wizard/find-steps';
import { ReasonsStep, VerdictStep } from './wizard/judge-steps';
import { DoneStep, ResolutionStep, SummaryStep } from './wizard/finish-steps';
import '../../styles/returns-wizard.css';

/** The return wizard: order → items → reason & condition → verdict → resolution → summary → RMA. */
export function ReturnWizard() {
  const step = useReturnWizard((s) => s.step);
  const close = useReturnWizard((s) => s.close);
  const error = useReturnWizard((s) => s.error);
  const order = useReturnWizard((s) => s.order);
  const index = WIZARD_STEPS.indexOf(step as (typeof WIZARD_STEPS)[number]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  return (
    <div className="wizard" data-testid="return-wizard">
      <div className="wizard-head">
        <div>
          <h2 className="page-title">New return{order ? ` · ${order.name}` : ''}</h2>
          <p className="page-sub">{order ? `${order.customerName} · ordered ${formatListDate(order.createdAt)}` : 'Find the order the customer wants to return items from.'}</p>
        </div>
        <button type="button" className="btn btn-ghost" onClick={close}>
          Cancel
        </button>
      </div>
      {step !== 'done' ? (
        <ol className="wizard-steps" aria-label="Steps">
          {WIZARD_STEPS.map((s, i) => (
            <li key={s} className={i === index ? 'is-current' : i < index ? 'is-done' : ''} aria-current={i === index ? 'step' : undefined}>
              <span className="wizard-step-no">{i + 1}</span>
              {STEP_LABELS[s]}
            </li>
          ))}
        </ol>
      ) : null}
      {error && error.code !== 'VALIDATION' ? <ErrorNotice error={error} testId="wizard-error" /> : null}
      {error && error.code === 'VALIDATION' ? (
        <div className="notice notice-error" role="alert" data-testid="wizard-error" data-field={error.field}>
          <div className="notice-text">{fieldMessage(error)}</div>
        </div>
      ) : null}
      <div className="wizard-body">
        <StepView step={step} />
      </div>
    </div>
  );
}

function StepView({ step }: { step: WizardStep }) {
  switch (step) {
    case 'order':
      return <OrderStep />;
    case 'items':
      return <ItemsStep />;
    case 'reasons':
      return <ReasonsStep />;
    case 'verdict':
      return <VerdictStep />;
    case 'resolution':
      return <ResolutionStep />;
    case 'summary':
      return <SummaryStep />;
    default:
      return <DoneStep />;
  }
}
