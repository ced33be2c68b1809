import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, contract, isOmsErrorShape, type MethodName } from '../../src-shared/contract';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace;
let owner: Session;
beforeAll(async () => {
  ws = await demoWorkspace();
  owner = await ws.as('owner');
});
afterAll(() => ws.dispose());

describe('bad input gets VALIDATION naming the field', () => {
  it.each<[MethodName, unknown, string]>([
    ['orders.list', { limit: 'x' }, 'limit'],
    ['orders.list', { limit: 0 }, 'limit'],
    ['orders.list', { limit: 100000 }, 'limit'],
    ['orders.list', { queue: 'nope' }, 'queue'],
    ['orders.list', { sort: 'random' }, 'sort'],
    ['orders.list', { from: 'yesterday' }, 'from'],
    ['orders.list', { tags: 'vip' }, 'tags'],
    ['orders.list', { cursor: 'garbage' }, 'cursor'],
    ['orders.list', { surprise: true }, 'input'],
    ['orders.get', {}, 'id'],
    ['orders.get', { id: -1 }, 'id'],
    ['orders.get', { id: 1.5 }, 'id'],
    ['orders.get', { id: '1' }, 'id'],
    ['users.create', { username: 'x', displayName: 'X', role: 'owner', password: 'demo' }, 'username'],
    ['users.create', { username: 'new.user', displayName: 'X', role: 'admin', password: 'demo' }, 'role'],
    ['users.create', { username: 'bad name!', displayName: 'X', role: 'packer', password: 'demo' }, 'username'],
  ])('%s %j → field %s', async (method, input, field) => {
    const reply = await owner.call(method, input as never);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION');
    expect(reply.error.field).toBe(field);
    expect(reply.error.message).toContain(field);
  });

  it('an unknown method is NOT_FOUND', async () => {
    const reply = await ws.core.call({ method: 'orders.drop', input: {}, token: owner.token, client: 'test' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'method' } });
  });

  it('a missing order is NOT_FOUND', async () => {
    expect(await owner.call('orders.get', { id: 999999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the core never crashes on input (fuzz)', () => {
  // A small deterministic PRNG so a failure can be replayed.
  let seed = 1234;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const junk = (depth = 0): unknown => {
    const pick = Math.floor(rand() * 11);
    switch (pick) {
      case 0: return null;
      case 1: return undefined;
      case 2: return rand() * 1e12 - 5e11;
      case 3: return Math.floor(rand() * 1000) - 500;
      case 4: return 'x'.repeat(Math.floor(rand() * 600));
      case 5: return ['"', '*', 'AND', 'NEAR(', '%', "'; DROP TABLE orders; --", '\u0000', '🙂'][Math.floor(rand() * 8)];
      case 6: return rand() > 0.5;
      case 7: return depth > 2 ? [] : Array.from({ length: Math.floor(rand() * 4) }, () => junk(depth + 1));
      case 8: return { __proto__: { admin: true }, constructor: 'x' };
      case 9: return Number.NaN;
      default: {
        if (depth > 2) return {};
        const keys = ['queue', 'search', 'limit', 'cursor', 'sort', 'from', 'to', 'tags', 'id', 'username', 'password', 'role', 'displayName'];
        return Object.fromEntries(keys.filter(() => rand() > 0.6).map((k) => [k, junk(depth + 1)]));
      }
    }
  };

  it('answers 2,000 random calls with a result or a typed error, and the data survives', async () => {
    const methods = Object.keys(contract).filter((m) => m !== 'auth.logout') as MethodName[];
    for (let i = 0; i < 2000; i++) {
      const method = methods[Math.floor(rand() * methods.length)]!;
      const reply = await ws.core.call({ method, input: junk(), token: owner.token, client: 'fuzz' });
      if (!reply.ok) {
        expect(isOmsErrorShape(reply.error)).toBe(true);
        expect(ERROR_CODES).toContain(reply.error.code);
        expect(reply.error.code).not.toBe('INTERNAL');
      }
    }
    expect((await owner.ok('users.list')).length).toBeGreaterThanOrEqual(4);
    expect(ws.core.ctx.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
