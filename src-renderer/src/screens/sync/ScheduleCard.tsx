import { useState } from 'react';
import { can, type OmsErrorShape, type SyncScheduleSetting } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSession } from '../../stores/session';
import { useSync } from '../../stores/sync';

/** Scheduled sync: on/off and the interval (owner and manager may change it; the change is audited). */
export function ScheduleCard() {
  const role = useSession((s) => s.user?.role);
  const canManage = !!role && can(role, 'sync.manage');
  const status = useSync((s) => s.status);
  const schedule = status?.schedule;
  if (!status || !schedule) return null;
  return (
    <section className="card" data-testid="sync-schedule">
      <header className="card-header">
        <h3 className="card-title">Schedule</h3>
        <span className="card-aside">
          {schedule.enabled ? `every ${schedule.minutes} min${status.nextRunAt ? ` · next ${new Date(status.nextRunAt).toLocaleTimeString()}` : ''}` : <span className="badge badge-amber">off — only “Sync now”</span>}
        </span>
      </header>
      {/* Keyed by the saved setting: the form starts again from it after a save or a change elsewhere. */}
      <ScheduleForm key={`${schedule.enabled}-${schedule.minutes}`} schedule={schedule} canManage={canManage} />
    </section>
  );
}

function ScheduleForm({ schedule, canManage }: { schedule: SyncScheduleSetting; canManage: boolean }) {
  const save = useSync((s) => s.setSchedule);
  const [enabled, setEnabled] = useState(schedule.enabled);
  const [minutes, setMinutes] = useState(String(schedule.minutes));
  const [error, setError] = useState<OmsErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = enabled !== schedule.enabled || Number(minutes) !== schedule.minutes;
  return (
      <form
        className="card-body sync-schedule-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void save({ enabled, minutes: Number(minutes) }).then((err) => {
            setError(err);
            setSaved(!err);
          });
        }}
      >
        <label className="sync-check">
          <input type="checkbox" checked={enabled} disabled={!canManage} onChange={(e) => setEnabled(e.target.checked)} data-testid="sync-schedule-enabled" /> Sync on a schedule (and when Orderhouse starts)
        </label>
        <label className="sync-minutes">
          every{' '}
          <input className="input input-narrow" type="number" min={1} max={1440} value={minutes} disabled={!canManage || !enabled} onChange={(e) => setMinutes(e.target.value)} aria-label="Minutes between runs" data-testid="sync-schedule-minutes" />{' '}
          minutes
        </label>
        {canManage ? (
          <button type="submit" className="btn btn-small" disabled={!dirty} data-testid="sync-schedule-save">
            Save
          </button>
        ) : (
          <span className="muted small">Owners and managers can change this.</span>
        )}
        {saved && !dirty ? <span className="muted small">Saved.</span> : null}
        {error ? <ErrorNotice error={error} /> : null}
      </form>
  );
}
