import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_TIMEOUT_MS, lockDurationMs } from '../../src-main/core/auth/auth';
import { createAuditLog } from '../../src-main/core/audit/audit-log';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => ws?.dispose());

const login = (w: TestWorkspace, username: string, password: string) =>
  w.core.call({ method: 'auth.login', input: { username, password }, token: null, client: 'test' });

describe('signing in', () => {
  it('gives a session to the right password and a plain error to a wrong one', async () => {
    ws = await demoWorkspace();
    const good = await login(ws, 'backoffice', 'demo');
    expect(good).toMatchObject({ ok: true, result: { user: { username: 'backoffice', role: 'backoffice' } } });
    const bad = await login(ws, 'backoffice', 'wrong');
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
    const unknown = await login(ws, 'nobody', 'demo');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
  });

  it('stores passwords only as slow salted hashes', async () => {
    ws = await demoWorkspace();
    const rows = ws.core.ctx.sqlite.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
    const hashes = rows.map((r) => r.password_hash);
    expect(hashes.every((h) => h.startsWith('scrypt$32768$'))).toBe(true);
    expect(new Set(hashes).size).toBe(hashes.length); // same password "demo", different salts
  });

  it.each([
    [1, 0],
    [2, 0],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [20, 15 * 60_000],
  ])('after %d failures the next try waits %d ms', (failures, ms) => {
    expect(lockDurationMs(failures)).toBe(ms);
  });

  it('slows down repeated failures, even for the right password, then lets the user in', async () => {
    const clock = manualClock();
    ws = await demoWorkspace({ clock });
    for (let i = 0; i < 3; i++) await login(ws, 'manager', 'nope');
    const locked = await login(ws, 'manager', 'demo');
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!locked.ok) expect(locked.error.retryAfterMs).toBeGreaterThan(0);
    clock.advance(2_001);
    expect(await login(ws, 'manager', 'demo')).toMatchObject({ ok: true });
    // Success resets the counter.
    expect(await login(ws, 'manager', 'nope')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('slows down guessing of unknown usernames just the same', async () => {
    ws = await demoWorkspace();
    for (let i = 0; i < 3; i++) await login(ws, 'ghost', 'x');
    expect(await login(ws, 'ghost', 'x')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});

describe('sessions', () => {
  it('end after the idle timeout and say why', async () => {
    const clock = manualClock();
    ws = await demoWorkspace({ clock });
    const s = await ws.as('packer');
    clock.advance(DEFAULT_IDLE_TIMEOUT_MS - 1000);
    expect(await s.call('orders.counts')).toMatchObject({ ok: true });
    clock.advance(DEFAULT_IDLE_TIMEOUT_MS - 1000); // activity above moved the window
    expect(await s.call('orders.counts')).toMatchObject({ ok: true });
    clock.advance(DEFAULT_IDLE_TIMEOUT_MS + 1);
    const expired = await s.call('orders.counts');
    expect(expired).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    if (!expired.ok) expect(expired.error.message).toMatch(/without activity/);
  });

  it('end at logout, and the token is dead afterwards', async () => {
    ws = await demoWorkspace();
    const s = await ws.as('owner');
    const events: string[] = [];
    ws.core.onEvent((e) => events.push(e));
    expect(await s.call('auth.logout')).toMatchObject({ ok: true });
    expect(await s.call('auth.whoami')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(events).toContain('session.ended');
  });

  it('keep only a hash of the token in the database', async () => {
    ws = await demoWorkspace();
    const s = await ws.as('owner');
    const rows = ws.core.ctx.sqlite.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === s.token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

describe('first run and users', () => {
  it('creates the owner once, then refuses', async () => {
    ws = await demoWorkspace({ kind: 'real' });
    const info = await ws.core.call({ method: 'app.info', input: {}, token: null, client: 'test' });
    expect(info).toMatchObject({ ok: true, result: { needsOwner: true, demo: false } });
    const weak = await ws.core.call({ method: 'auth.setupOwner', input: { username: 'ines', displayName: 'Inés', password: 'short' }, token: null, client: 'test' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password' } });
    const made = await ws.core.call({ method: 'auth.setupOwner', input: { username: 'ines', displayName: 'Inés', password: 'Harbor-Pine-2026' }, token: null, client: 'test' });
    expect(made).toMatchObject({ ok: true, result: { user: { role: 'owner' } } });
    const again = await ws.core.call({ method: 'auth.setupOwner', input: { username: 'eve', displayName: 'Eve', password: 'Harbor-Pine-2026' }, token: null, client: 'test' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('an owner adds a user who can then sign in; duplicates are a CONFLICT', async () => {
    ws = await demoWorkspace();
    const owner = await ws.as('owner');
    expect(await owner.call('users.create', { username: 'sam', displayName: 'Sam', role: 'packer', password: 'demo' })).toMatchObject({ ok: true });
    expect(await owner.call('users.create', { username: 'SAM', displayName: 'Sam 2', role: 'packer', password: 'demo' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'username' } });
    expect(await login(ws, 'sam', 'demo')).toMatchObject({ ok: true, result: { user: { role: 'packer' } } });
  });
});

describe('the audit log', () => {
  it('records sign-ins and user changes in a hash chain that detects tampering', async () => {
    ws = await demoWorkspace();
    const owner = await ws.as('owner');
    await owner.call('users.create', { username: 'kim', displayName: 'Kim', role: 'backoffice', password: 'demo' });
    await login(ws, 'kim', 'wrong');
    const audit = createAuditLog(ws.core.ctx.sqlite);
    const actions = (ws.core.ctx.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'auth.login', 'auth.login_failed']));
    expect(audit.verify()).toMatchObject({ ok: true });
    // Someone with the file drops the guard and edits a row: the chain breaks there.
    ws.core.ctx.sqlite.exec('DROP TRIGGER audit_log_no_update');
    ws.core.ctx.sqlite.exec("UPDATE audit_log SET detail = '{\"role\":\"owner\"}' WHERE action = 'user.create' AND entity_id = (SELECT id FROM users WHERE username = 'kim')");
    expect(audit.verify()).toMatchObject({ ok: false });
  });
});
