import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src-main/core/demo';
import { templateProblems } from '../../src-main/core/cases/templates';
import { smtpServer } from '../support/smtp-server';
import { demoWorkspace, manualClock, type Session, type TestWorkspace } from '../support/workspace';

/**
 * Case settings and replies by email: service targets and templates (owner and
 * manager), the SMTP server in the key file, and a real SMTP conversation with
 * a tiny server (tests/support/smtp-server.ts: EHLO, AUTH PLAIN, MAIL, RCPT, DATA).
 */
describe('case settings and replies sent through SMTP', () => {
  let ws: TestWorkspace;
  let staff: Session;
  let manager: Session;
  const clock = manualClock('2026-11-02T09:00:00.000Z');
  const smtp = smtpServer({ password: 's3cret-Pass' });
  let port: number;
  let customer: { id: number; email: string; first: string };

  beforeAll(async () => {
    ws = await demoWorkspace({ clock });
    generateDemoShop(ws.core.ctx.sqlite, { orders: 200, customers: 80, seed: 9, now: new Date('2026-11-01T00:00:00Z') });
    staff = await ws.as('backoffice');
    manager = await ws.as('manager');
    customer = ws.core.ctx.sqlite.prepare("SELECT id, email, first_name AS first FROM customers WHERE email IS NOT NULL AND first_name IS NOT NULL LIMIT 1").get() as typeof customer;
    port = await smtp.listen();
  }, 60_000);
  afterAll(async () => {
    ws?.dispose();
    await smtp.close();
  });

  it.each([
    ['Hi {customer_name}, about {order_number}', []],
    ['Hi {{customer_name}}', []],
    ['Hi {custmer_name}', ['{custmer_name} is not a placeholder']],
    ['Price {10%} off', ['has a { or } that is not part of a placeholder']],
    ['Hi {customer_name', ['has a { or } that is not part of a placeholder']],
  ])('template %j problems: %j', (body, want) => {
    const got = templateProblems(body);
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => expect(got[i]).toContain(w));
  });

  it('a manager sets the service targets; new cases are due by them; back office may not change them', async () => {
    const s = await manager.ok('cases.settings', {});
    expect(s.targets.complaint).toBe(8);
    await manager.ok('cases.saveTargets', { targets: { ...s.targets, complaint: 2 } });
    const c = await staff.ok('cases.create', { customerId: customer.id, type: 'complaint', subject: 'Rude courier' });
    expect(c.dueAt).toBe('2026-11-02T11:00:00.000Z');
    const denied = await staff.call('cases.saveTargets', { targets: { ...s.targets, complaint: 1 } });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    const bad = await manager.call('cases.saveTargets', { targets: { ...s.targets, question: 0 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'targets.question' });
  });

  it('templates are edited with placeholders checked, and used for replies', async () => {
    const bad = await manager.call('cases.saveTemplates', { templates: [{ name: 'Thanks', body: 'Hi {customer}, thanks!' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'templates.0.body', message: expect.stringContaining('{customer} is not a placeholder') });
    const saved = await manager.ok('cases.saveTemplates', { templates: [{ name: 'Thanks for waiting', body: 'Hi {customer_name},\n\nThanks for waiting on {case_number}.\n\n{shop_name}' }] });
    expect(saved).toEqual([{ id: 'thanks-for-waiting', name: 'Thanks for waiting', body: expect.any(String) }]);
    const { items } = await staff.ok('cases.list', {});
    const c = await staff.ok('cases.get', { id: items[0]!.id });
    expect(c.templates.map((t) => t.id)).toEqual(['thanks-for-waiting']);
    const r = await staff.ok('cases.renderReply', { id: c.id, templateId: 'thanks-for-waiting' });
    expect(r).toEqual({ text: `Hi ${customer.first},\n\nThanks for waiting on ${c.number}.\n\nTest shop`, missing: [] });
    expect(ws.core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'cases.templates'").pluck().get()).toBe(1);
  });

  it('without a mail server, Send explains what to do', async () => {
    const { items } = await staff.ok('cases.list', {});
    const r = await staff.call('cases.sendReply', { id: items[0]!.id, body: 'Hello' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('No mail server is set up') });
  });

  it('the SMTP password goes to the key file, never the database; plain SMTP is refused off this machine', async () => {
    const remote = await manager.call('cases.saveSmtp', { host: 'smtp.example.com', port: 25, security: 'none', user: 'service', password: 'x', from: 'service@shop.example' });
    expect(remote.ok).toBe(false);
    if (!remote.ok) expect(remote.error).toMatchObject({ code: 'VALIDATION', field: 'security' });
    const info = await manager.ok('cases.saveSmtp', { host: '127.0.0.1', port, security: 'none', user: 'service', password: 's3cret-Pass', from: 'Test shop <service@shop.example>' });
    expect(info).toEqual({ host: '127.0.0.1', port, security: 'none', user: 'service', from: 'Test shop <service@shop.example>', hasPassword: true });
    const file = join(ws.dir, 'keys', 'smtp.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('s3cret-Pass');
    const db = ws.core.ctx.sqlite;
    const hits = db.prepare("SELECT count(*) FROM settings WHERE value LIKE '%s3cret-Pass%'").pluck().get() as number;
    const auditHits = db.prepare("SELECT count(*) FROM audit_log WHERE detail LIKE '%s3cret-Pass%'").pluck().get() as number;
    expect(hits + auditHits).toBe(0);
    expect((await staff.ok('cases.settings', {})).smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true, user: null });
    expect(JSON.stringify(await staff.ok('cases.settings', {}))).not.toContain('s3cret-Pass');
  });

  it('Send speaks SMTP to the server and records the reply on the case, audited', async () => {
    const c = await staff.ok('cases.create', { customerId: customer.id, type: 'question', subject: 'Gift wrapping?' });
    const body = 'Hi there,\n\nYes, we gift-wrap.\n.\nA line with a single dot above.\n\nKind regards';
    const after = await staff.ok('cases.sendReply', { id: c.id, body });
    const mail = smtp.received.at(-1)!;
    expect(mail.auth).toBe('service');
    expect(mail.from).toBe('service@shop.example');
    expect(mail.to).toEqual([customer.email]);
    expect(mail.data).toMatch(new RegExp(`^Subject: Re: Gift wrapping\\? \\[${c.number}\\]`, 'm'));
    expect(mail.data).toContain('Yes, we gift-wrap.');
    expect(after.notes.at(-1)).toMatchObject({ kind: 'reply', body: expect.stringContaining(`Emailed to ${customer.email}`) });
    const audit = ws.core.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'cases.reply' AND entity_id = ? ORDER BY id DESC").pluck().get(String(c.id)) as string;
    expect(JSON.parse(audit)).toMatchObject({ via: 'smtp' });
  });

  it('a refused password is a clear error and nothing is recorded', async () => {
    await manager.ok('cases.saveSmtp', { host: '127.0.0.1', port, security: 'none', user: 'service', password: 'wrong', from: 'service@shop.example' });
    const c = await staff.ok('cases.create', { customerId: customer.id, type: 'question', subject: 'Opening hours' });
    const r = await staff.call('cases.sendReply', { id: c.id, body: 'We open at 9.' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/refused the user name or password.*535/) });
    expect((await staff.ok('cases.get', { id: c.id })).notes.filter((n) => n.kind === 'reply')).toHaveLength(0);
  });

  it('STARTTLS required but not offered by the server: refused with the reason, nothing sent in clear', async () => {
    const before = smtp.received.length;
    await manager.ok('cases.saveSmtp', { host: '127.0.0.1', port, security: 'starttls', user: 'service', password: 's3cret-Pass', from: 'service@shop.example' });
    const { items } = await staff.ok('cases.list', {});
    const r = await staff.call('cases.sendReply', { id: items[0]!.id, body: 'Hello' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/TLS/);
    expect(smtp.received.length).toBe(before);
  });

  it('an unreachable server says so', async () => {
    await manager.ok('cases.saveSmtp', { host: '127.0.0.1', port: 1, security: 'none', user: null, password: null, from: 'service@shop.example' });
    const { items } = await staff.ok('cases.list', {});
    const r = await staff.call('cases.sendReply', { id: items[0]!.id, body: 'Hello' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/cannot reach the mail server 127\.0\.0\.1:1/);
  });
});
