import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName, type Role } from '../../src-shared/contract';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/**
 * Who may call what — the spec, written out by hand rather than derived from
 * the permission table, so a change to either shows up here.
 */
const ALLOWED: Record<MethodName, Role[] | 'anyone'> = {
  'app.info': 'anyone',
  'auth.setupOwner': 'anyone',
  'workspace.createDemo': 'anyone',
  'auth.login': 'anyone',
  'auth.logout': ['owner', 'manager', 'backoffice', 'packer'],
  'auth.whoami': ['owner', 'manager', 'backoffice', 'packer'],
  'users.list': ['owner', 'manager', 'backoffice'],
  'users.create': ['owner'],
  'orders.list': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.count': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.counts': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.views.list': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.views.save': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.views.delete': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.exceptionCounts': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.get': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.hold': ['owner', 'manager', 'backoffice'],
  'orders.release': ['owner', 'manager', 'backoffice'],
  'orders.addTags': ['owner', 'manager', 'backoffice'],
  'orders.removeTags': ['owner', 'manager', 'backoffice'],
  'orders.addNote': ['owner', 'manager', 'backoffice'],
  'orders.updateShippingAddress': ['owner', 'manager', 'backoffice'],
  'orders.assign': ['owner', 'manager', 'backoffice'],
  'orders.markReadyToPack': ['owner', 'manager', 'backoffice'],
  'orders.cancel': ['owner', 'manager', 'backoffice'],
  'orders.bulk': ['owner', 'manager', 'backoffice'],
  'orders.allocateStock': ['owner', 'manager', 'backoffice'],
  'orders.fulfil': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.findForPacking': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.packingSlips': ['owner', 'manager', 'backoffice', 'packer'],
  'orders.pickList': ['owner', 'manager', 'backoffice', 'packer'],
  'returns.policy.get': ['owner', 'manager', 'backoffice'],
  'returns.policy.save': ['owner', 'manager'],
  'returns.evaluate': ['owner', 'manager', 'backoffice'],
  'returns.create': ['owner', 'manager', 'backoffice'],
  'returns.approve': ['owner', 'manager', 'backoffice'],
  'returns.markInTransit': ['owner', 'manager', 'backoffice'],
  'returns.receive': ['owner', 'manager', 'backoffice'],
  'returns.inspect': ['owner', 'manager', 'backoffice'],
  'returns.resolve': ['owner', 'manager', 'backoffice'],
  'returns.reject': ['owner', 'manager', 'backoffice'],
  'returns.get': ['owner', 'manager', 'backoffice'],
  'returns.list': ['owner', 'manager', 'backoffice'],
  'returns.report': ['owner', 'manager'],
  'returns.slip': ['owner', 'manager', 'backoffice'],
  'returns.exchangeOptions': ['owner', 'manager', 'backoffice'],
  'customers.list': ['owner', 'manager', 'backoffice'],
  'customers.get': ['owner', 'manager', 'backoffice'],
  'customers.addNote': ['owner', 'manager', 'backoffice'],
  'customers.importPreview': ['owner', 'manager', 'backoffice'],
  'customers.import': ['owner', 'manager', 'backoffice'],
  'duplicates.review': ['owner', 'manager', 'backoffice'],
  'duplicates.scan': ['owner', 'manager', 'backoffice'],
  'duplicates.merge': ['owner', 'manager', 'backoffice'],
  'duplicates.mergeCertain': ['owner', 'manager', 'backoffice'],
  'duplicates.unmerge': ['owner', 'manager', 'backoffice'],
  'duplicates.notSame': ['owner', 'manager', 'backoffice'],
  'cases.list': ['owner', 'manager', 'backoffice'],
  'cases.get': ['owner', 'manager', 'backoffice'],
  'cases.create': ['owner', 'manager', 'backoffice'],
  'cases.update': ['owner', 'manager', 'backoffice'],
  'cases.addNote': ['owner', 'manager', 'backoffice'],
  'cases.renderReply': ['owner', 'manager', 'backoffice'],
  'cases.sendReply': ['owner', 'manager', 'backoffice'],
  'cases.settings': ['owner', 'manager', 'backoffice'],
  'cases.saveTargets': ['owner', 'manager'],
  'cases.saveTemplates': ['owner', 'manager'],
  'cases.saveSmtp': ['owner', 'manager'],
  'sync.status': ['owner', 'manager', 'backoffice'],
  'sync.run': ['owner', 'manager'],
  'sync.runs': ['owner', 'manager', 'backoffice'],
  'sync.schedule.set': ['owner', 'manager'],
  'sync.connect': ['owner'],
  'sync.disconnect': ['owner'],
  'workspace.createDemoStore': 'anyone',
  'sync.outbox.list': ['owner', 'manager', 'backoffice'],
  'sync.outbox.retry': ['owner', 'manager'],
  'sync.outbox.cancel': ['owner', 'manager'],
  'stock.levels': ['owner', 'manager', 'backoffice', 'packer'],
  'stock.history': ['owner', 'manager', 'backoffice', 'packer'],
  'stock.adjust': ['owner', 'manager'],
  'stock.undoAdjustment': ['owner', 'manager'],
  'sync.quarantine.list': ['owner', 'manager', 'backoffice'],
  'sync.quarantine.retry': ['owner', 'manager'],
  'sync.quarantine.discard': ['owner', 'manager'],
};

const ROLES_TO_USERS: Record<Role, string> = { owner: 'owner', manager: 'manager', backoffice: 'backoffice', packer: 'packer' };

let ws: TestWorkspace;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
  ws = await demoWorkspace();
  for (const role of Object.keys(ROLES_TO_USERS) as Role[]) sessions[role] = await ws.as(ROLES_TO_USERS[role]);
});
afterAll(() => ws.dispose());

describe('every method checks the caller’s role in the core', () => {
  it('the table above covers every method in the contract', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual(Object.keys(contract).sort());
  });

  const cases = (Object.keys(ALLOWED) as MethodName[])
    .filter((m) => ALLOWED[m] !== 'anyone' && m !== 'auth.logout')
    .flatMap((m) => (Object.keys(ROLES_TO_USERS) as Role[]).map((role) => [m, role, (ALLOWED[m] as Role[]).includes(role)] as const));

  it.each(cases)('%s as %s → allowed: %s', async (method, role, allowed) => {
    const reply = await sessions[role].call(method, {} as never);
    if (allowed) {
      // Allowed calls may still fail validation on an empty input, but never with FORBIDDEN.
      if (!reply.ok) expect(reply.error.code).not.toBe('FORBIDDEN');
    } else {
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('FORBIDDEN');
    }
  });

  it.each((Object.keys(ALLOWED) as MethodName[]).filter((m) => ALLOWED[m] !== 'anyone'))('%s without signing in → UNAUTHENTICATED', async (method) => {
    const reply = await ws.core.call({ method, input: {}, token: null, client: 'test' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a forged token is refused', async () => {
    const reply = await ws.core.call({ method: 'orders.list', input: {}, token: 'forged-token', client: 'test' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a packer cannot create users, even with valid input', async () => {
    const reply = await sessions.packer.call('users.create', { username: 'sneaky', displayName: 'Sneaky', role: 'owner', password: 'demo' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const owner = await sessions.owner.ok('users.list');
    expect(owner.map((u) => u.username)).not.toContain('sneaky');
  });
});
