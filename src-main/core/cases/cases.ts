import { OmsError, type CaseDetail, type CaseNote, type CasePriority, type CaseStatus, type CaseSummary, type CaseType } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { createCaseSettings } from './case-settings';
import { dueAt } from './service-targets';
import { sendMail } from './smtp';
import { renderTemplate } from './templates';

/** Service cases: open, read, change, note; every write in one transaction and audited. */
const caseNumber = (id: number) => `CASE-${String(id).padStart(6, '0')}`;
const SELECT = `
  SELECT s.id, s.subject, s.type, s.status, s.priority, s.customer_id AS customerId, s.order_id AS orderId, s.assignee_id AS assigneeId,
         s.due_at AS dueAt, s.created_at AS createdAt, s.resolved_at AS resolvedAt,
         nullif(trim(coalesce(c.first_name,'') || ' ' || coalesce(c.last_name,'')), '') AS customerName, c.email AS customerEmail, o.name AS orderName, u.display_name AS assignee
    FROM service_cases s
    LEFT JOIN customers c ON c.id = s.customer_id
    LEFT JOIN orders o ON o.id = s.order_id
    LEFT JOIN users u ON u.id = s.assignee_id`;

type Row = Omit<CaseSummary, 'number' | 'overdue'> & { assigneeId: number | null; resolvedAt: string | null; customerEmail: string | null };

export function createCases(ctx: CoreContext) {
  const { sqlite } = ctx;
  const settings = createCaseSettings(ctx);
  const one = sqlite.prepare(`${SELECT} WHERE s.id = ?`);
  const notes = sqlite.prepare('SELECT n.id, n.kind, n.body, u.display_name AS author, n.created_at AS createdAt FROM service_case_notes n LEFT JOIN users u ON u.id = n.user_id WHERE n.case_id = ? ORDER BY n.created_at, n.id');
  const insertNote = sqlite.prepare('INSERT INTO service_case_notes(case_id, kind, body, user_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const orderOf = sqlite.prepare('SELECT id, customer_id AS customerId FROM orders WHERE id = ?');
  const customerExists = sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const activeUser = sqlite.prepare('SELECT display_name FROM users WHERE id = ? AND active = 1').pluck();
  const tracking = sqlite.prepare("SELECT coalesce(tracking_url, tracking_number) FROM fulfilments WHERE order_id = ? AND (tracking_url IS NOT NULL OR tracking_number IS NOT NULL) ORDER BY created_at DESC LIMIT 1").pluck();

  const summary = (r: Row, now: Date): CaseSummary => ({
    id: r.id,
    number: caseNumber(r.id),
    subject: r.subject,
    type: r.type,
    status: r.status,
    priority: r.priority,
    customerId: r.customerId,
    customerName: r.customerName,
    orderId: r.orderId,
    orderName: r.orderName,
    assignee: r.assignee,
    dueAt: r.dueAt,
    overdue: r.status !== 'resolved' && Date.parse(r.dueAt) < now.getTime(),
    createdAt: r.createdAt,
  });

  const get = (id: number): CaseDetail => {
    const r = one.get(id) as Row | undefined;
    if (!r) throw new OmsError('NOT_FOUND', `Case ${id} does not exist.`, { field: 'id' });
    return { ...summary(r, ctx.clock.now()), assigneeId: r.assigneeId, customerEmail: r.customerEmail, resolvedAt: r.resolvedAt, notes: notes.all(id) as CaseNote[], templates: settings.templates() };
  };

  const checkAssignee = (assigneeId: number | null | undefined) => {
    if (assigneeId != null && !activeUser.get(assigneeId)) throw new OmsError('VALIDATION', `User ${assigneeId} does not exist or is not active.`, { field: 'assigneeId' });
  };

  return {
    get,

    list(input: { status: CaseStatus | 'active' | 'all'; customerId?: number | undefined; limit: number }): { items: CaseSummary[]; counts: Record<CaseStatus | 'overdue', number> } {
      const now = ctx.clock.now();
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (input.status === 'active') where.push("s.status <> 'resolved'");
      else if (input.status !== 'all') {
        where.push('s.status = ?');
        params.push(input.status);
      }
      if (input.customerId) {
        where.push('s.customer_id = ?');
        params.push(input.customerId);
      }
      const nowIso = now.toISOString();
      const rows = sqlite
        .prepare(`${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY (s.status <> 'resolved' AND s.due_at < ?) DESC, s.status = 'resolved', s.due_at LIMIT ?`)
        .all(...params, nowIso, input.limit) as Row[];
      const counts = sqlite
        .prepare(
          `SELECT sum(status = 'open') AS open, sum(status = 'waiting_on_customer') AS waiting_on_customer, sum(status = 'resolved') AS resolved,
                  sum(status <> 'resolved' AND due_at < ?) AS overdue FROM service_cases${input.customerId ? ' WHERE customer_id = ?' : ''}`,
        )
        .get(nowIso, ...(input.customerId ? [input.customerId] : [])) as Record<CaseStatus | 'overdue', number | null>;
      return {
        items: rows.map((r) => summary(r, now)),
        counts: { open: counts.open ?? 0, waiting_on_customer: counts.waiting_on_customer ?? 0, resolved: counts.resolved ?? 0, overdue: counts.overdue ?? 0 },
      };
    },

    create(input: { customerId?: number | undefined; orderId?: number | undefined; type: CaseType; priority: CasePriority; subject: string; note?: string | undefined; assigneeId?: number | undefined }, userId: number): CaseDetail {
      let customerId = input.customerId ?? null;
      if (input.orderId) {
        const o = orderOf.get(input.orderId) as { id: number; customerId: number | null } | undefined;
        if (!o) throw new OmsError('NOT_FOUND', `Order ${input.orderId} does not exist.`, { field: 'orderId' });
        if (customerId && o.customerId && o.customerId !== customerId) throw new OmsError('VALIDATION', `Order ${input.orderId} belongs to another customer.`, { field: 'orderId' });
        customerId = customerId ?? o.customerId;
      }
      if (!customerId && !input.orderId) throw new OmsError('VALIDATION', 'A case needs a customer or an order.', { field: 'customerId' });
      if (customerId && !customerExists.get(customerId)) throw new OmsError('NOT_FOUND', `Customer ${customerId} does not exist.`, { field: 'customerId' });
      checkAssignee(input.assigneeId);
      const now = ctx.clock.now();
      const at = now.toISOString();
      const id = sqlite.transaction(() => {
        const caseId = Number(
          sqlite
            .prepare(
              'INSERT INTO service_cases(customer_id, order_id, type, status, priority, subject, assignee_id, due_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            )
            .run(customerId, input.orderId ?? null, input.type, 'open', input.priority, input.subject, input.assigneeId ?? null, dueAt(input.type, input.priority, now, settings.targets()), userId, at, at).lastInsertRowid,
        );
        if (input.note) insertNote.run(caseId, 'note', input.note, userId, at);
        ctx.audit.record({ at, userId, action: 'cases.create', entityType: 'case', entityId: caseId, detail: { type: input.type, priority: input.priority, customerId, orderId: input.orderId ?? null } });
        return caseId;
      })();
      return get(id);
    },

    update(input: { id: number; status?: CaseStatus | undefined; priority?: CasePriority | undefined; assigneeId?: number | null | undefined }, userId: number): CaseDetail {
      const before = get(input.id);
      checkAssignee(input.assigneeId);
      const at = ctx.clock.now().toISOString();
      const changes: string[] = [];
      sqlite.transaction(() => {
        if (input.status && input.status !== before.status) {
          sqlite.prepare('UPDATE service_cases SET status = ?, resolved_at = ? WHERE id = ?').run(input.status, input.status === 'resolved' ? at : null, input.id);
          changes.push(`status ${before.status.replace(/_/g, ' ')} → ${input.status.replace(/_/g, ' ')}`);
        }
        if (input.priority && input.priority !== before.priority) {
          sqlite.prepare('UPDATE service_cases SET priority = ? WHERE id = ?').run(input.priority, input.id);
          changes.push(`priority ${before.priority} → ${input.priority}`);
        }
        if (input.assigneeId !== undefined && input.assigneeId !== before.assigneeId) {
          sqlite.prepare('UPDATE service_cases SET assignee_id = ? WHERE id = ?').run(input.assigneeId, input.id);
          changes.push(input.assigneeId === null ? 'unassigned' : `assigned to ${activeUser.get(input.assigneeId) as string}`);
        }
        if (!changes.length) return;
        sqlite.prepare('UPDATE service_cases SET updated_at = ? WHERE id = ?').run(at, input.id);
        insertNote.run(input.id, 'status', changes.join('; '), userId, at);
        ctx.audit.record({ at, userId, action: 'cases.update', entityType: 'case', entityId: input.id, detail: { changes } });
      })();
      return get(input.id);
    },

    addNote(input: { id: number; kind: 'note' | 'reply'; body: string }, userId: number): CaseDetail {
      get(input.id);
      const at = ctx.clock.now().toISOString();
      sqlite.transaction(() => {
        insertNote.run(input.id, input.kind, input.body, userId, at);
        sqlite.prepare('UPDATE service_cases SET updated_at = ? WHERE id = ?').run(at, input.id);
        ctx.audit.record({ at, userId, action: input.kind === 'reply' ? 'cases.reply' : 'cases.note', entityType: 'case', entityId: input.id });
      })();
      return get(input.id);
    },

    renderReply(input: { id: number; templateId: string }): { text: string; missing: string[] } {
      const c = get(input.id);
      const template = settings.templates().find((t) => t.id === input.templateId);
      if (!template) throw new OmsError('NOT_FOUND', `There is no reply template "${input.templateId}".`, { field: 'templateId' });
      const first = c.customerId ? (sqlite.prepare('SELECT first_name FROM customers WHERE id = ?').pluck().get(c.customerId) as string | null) : null;
      return renderTemplate(template.body, {
        customer_name: first ?? c.customerName,
        order_number: c.orderName,
        tracking_link: c.orderId ? ((tracking.get(c.orderId) as string | undefined) ?? null) : null,
        case_number: c.number,
        shop_name: ctx.meta.name,
      });
    },

    /** Emails the reply through the workspace's SMTP server; only a reply the server took is recorded on the case. */
    async sendReply(input: { id: number; body: string; subject?: string | undefined }, userId: number): Promise<CaseDetail> {
      const c = get(input.id);
      if (!c.customerEmail) throw new OmsError('VALIDATION', `${c.customerName ?? 'The customer'} has no email address; copy the reply and answer another way.`, { field: 'id' });
      if (/\[(customer name|order number|tracking link|case number|shop name)\]/.test(input.body))
        throw new OmsError('VALIDATION', 'The reply still has a gap such as [tracking link] where the case had no value; fill it in before sending.', { field: 'body' });
      const subject = input.subject ?? `Re: ${c.subject} [${c.number}]`;
      const sent = await sendMail(ctx, { to: c.customerEmail, subject, text: input.body });
      const at = ctx.clock.now().toISOString();
      sqlite.transaction(() => {
        insertNote.run(input.id, 'reply', `Emailed to ${c.customerEmail} — “${subject}”\n\n${input.body}`, userId, at);
        sqlite.prepare('UPDATE service_cases SET updated_at = ? WHERE id = ?').run(at, input.id);
        ctx.audit.record({ at, userId, action: 'cases.reply', entityType: 'case', entityId: input.id, detail: { via: 'smtp', messageId: sent.messageId } });
      })();
      return get(input.id);
    },
  };
}
