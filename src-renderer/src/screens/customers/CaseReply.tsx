import { useEffect, useState } from 'react';
import { useCases } from '../../stores/cases';
import { useCaseSettings } from '../../stores/case-settings';

/** The reply on a case: from a template, then sent by email (when a mail server is set up), copied, or recorded as sent another way. */
export function CaseReply() {
  const { detail, reply, sending, sentTo } = useCases();
  const s = useCases();
  const smtp = useCaseSettings((x) => x.settings?.smtp ?? null);
  const settingsLoaded = useCaseSettings((x) => x.settings !== null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!settingsLoaded) void useCaseSettings.getState().load();
  }, [settingsLoaded]);
  if (!detail) return null;
  const gap = /\[(customer name|order number|tracking link|case number|shop name)\]/.exec(reply);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reply);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const canSend = !!smtp && !!detail.customerEmail && !!reply.trim() && !gap && !sending;
  return (
    <section className="card customer-card">
      <div className="card-header">
        <span className="card-title">Reply</span>
        <select className="input input-small" value="" onChange={(e) => e.target.value && void s.useTemplate(e.target.value)} aria-label="Reply template" data-testid="case-template">
          <option value="">Use a template…</option>
          {detail.templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="card-body case-reply">
        <textarea
          className="input"
          rows={6}
          value={reply}
          onChange={(e) => {
            s.setReply(e.target.value);
            setCopied(false);
          }}
          placeholder="Write a reply, or start from a template."
          aria-label="Reply"
          data-testid="case-reply"
        />
        {gap ? (
          <div className="notice notice-warning small" data-testid="case-reply-gap">
            <div className="notice-text">The case has no value for {gap[0]}: write it in before sending.</div>
          </div>
        ) : null}
        <div className="case-reply-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={!canSend}
            onClick={() => void s.sendReply()}
            data-testid="case-send"
            title={!smtp ? 'No mail server is set up yet (Cases → Settings)' : !detail.customerEmail ? 'The customer has no email address' : undefined}
          >
            {sending ? 'Sending…' : 'Send by email'}
          </button>
          <button type="button" className="btn btn-small" disabled={!reply.trim()} onClick={() => void copy()} data-testid="case-copy">
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="btn btn-small" disabled={!reply.trim()} onClick={() => void s.addNote('reply', reply.trim())} data-testid="case-record-reply">
            Record as sent
          </button>
          <span className="muted small" data-testid="case-send-hint">
            {sentTo
              ? `Sent to ${sentTo}.`
              : !smtp
                ? 'No mail server is set up yet: copy the reply into your mail program, or ask an owner or manager to set one up.'
                : detail.customerEmail
                  ? `To ${detail.customerEmail} through ${smtp.host}.`
                  : 'The customer has no email address: copy the reply and answer another way.'}
          </span>
        </div>
      </div>
    </section>
  );
}
