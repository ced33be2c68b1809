import { OmsError, type UserInfo } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import { isoNow } from '../clock';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';
import { toUserInfo, type Users } from '../users/users';

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60_000;
/** Failures allowed before back-off starts; then waits double: 2 s, 4 s, … up to 15 min. */
const FREE_FAILURES = 3;
const MAX_LOCK_MS = 15 * 60_000;

export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES + 1), MAX_LOCK_MS);
}

export function createAuth(ctx: CoreContext, users: Users) {
  const { sqlite } = ctx;
  const idleTimeoutMs = Number(process.env.OMS_IDLE_TIMEOUT_MS) || DEFAULT_IDLE_TIMEOUT_MS;
  const session = sqlite.prepare(
    `SELECT s.token_hash, s.user_id, s.last_seen_at, s.ended_at, s.client, u.username, u.role, u.active
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
  );
  const touch = sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
  const end = sqlite.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL');
  const insertSession = sqlite.prepare('INSERT INTO sessions(token_hash, user_id, client, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
  const failed = sqlite.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?');
  const succeeded = sqlite.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?');
  // Unknown usernames get the same back-off, kept in memory so guessing names costs as much as guessing passwords.
  const unknownFailures = new Map<string, { count: number; lockedUntil: number }>();

  function startSession(userId: number, client: string): string {
    const token = newToken();
    const at = isoNow(ctx.clock);
    insertSession.run(hashToken(token), userId, client, at, at);
    return token;
  }

  return {
    idleTimeoutMs,

    async login(username: string, password: string, client: string): Promise<{ user: UserInfo; token: string }> {
      const now = ctx.clock.now().getTime();
      const user = users.byName(username);
      const lockedUntil = user ? (user.locked_until ? Date.parse(user.locked_until) : 0) : (unknownFailures.get(username.toLowerCase())?.lockedUntil ?? 0);
      if (lockedUntil > now) {
        throw new OmsError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${Math.ceil((lockedUntil - now) / 1000)} s.`, { retryAfterMs: lockedUntil - now });
      }
      const ok = user ? user.active === 1 && (await verifyPassword(password, user.password_hash)) : (await verifyPassword(password, await dummyPasswordHash()), false);
      const at = isoNow(ctx.clock);
      if (!ok || !user) {
        if (user) {
          const failures = user.failed_logins + 1;
          const lock = lockDurationMs(failures);
          sqlite.transaction(() => {
            failed.run(failures, lock ? new Date(now + lock).toISOString() : null, user.id);
            ctx.audit.record({ at, userId: user.id, action: 'auth.login_failed', entityType: 'user', entityId: user.id, detail: { client, failures } });
          })();
        } else {
          const entry = unknownFailures.get(username.toLowerCase()) ?? { count: 0, lockedUntil: 0 };
          entry.count++;
          const lock = lockDurationMs(entry.count);
          entry.lockedUntil = lock ? now + lock : 0;
          unknownFailures.set(username.toLowerCase(), entry);
        }
        throw new OmsError('UNAUTHENTICATED', 'Wrong username or password.');
      }
      const token = sqlite.transaction(() => {
        succeeded.run(at, user.id);
        ctx.audit.record({ at, userId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, detail: { client } });
        return startSession(user.id, client);
      }).immediate();
      return { user: toUserInfo({ ...user, last_login_at: at }), token };
    },

    /** First run: the owner account, created once, signed in at once. */
    async setupOwner(input: { username: string; displayName: string; password: string }, client: string): Promise<{ user: UserInfo; token: string }> {
      if (users.count() > 0) throw new OmsError('CONFLICT', 'This workspace already has its owner; sign in instead.');
      const user = await users.create({ ...input, role: 'owner' }, null);
      const token = sqlite.transaction(() => startSession(user.id, client))();
      return { user, token };
    },

    /** Resolves a token to its caller, ending sessions idle too long. */
    authenticate(token: string | null, client: string): Caller {
      if (!token) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
      const tokenHash = hashToken(token);
      const s = session.get(tokenHash) as
        | { token_hash: string; user_id: number; last_seen_at: string; ended_at: string | null; username: string; role: Caller['role']; active: number }
        | undefined;
      if (!s || s.ended_at) throw new OmsError('UNAUTHENTICATED', 'Your session has ended; please sign in again.');
      const now = ctx.clock.now();
      if (now.getTime() - Date.parse(s.last_seen_at) > idleTimeoutMs) {
        end.run(now.toISOString(), tokenHash);
        ctx.emit('session.ended', { reason: 'idle' }, { kind: 'session', tokenHash });
        throw new OmsError('UNAUTHENTICATED', `Signed out after ${Math.round(idleTimeoutMs / 60_000)} minutes without activity; please sign in again.`);
      }
      if (s.active !== 1) throw new OmsError('UNAUTHENTICATED', 'This account has been deactivated.');
      // Touch at most every 15 s so reads do not each cost a write.
      if (now.getTime() - Date.parse(s.last_seen_at) > 15_000) touch.run(now.toISOString(), tokenHash);
      return { userId: s.user_id, username: s.username, role: s.role, tokenHash, client };
    },

    logout(caller: Caller): void {
      const at = isoNow(ctx.clock);
      sqlite.transaction(() => {
        end.run(at, caller.tokenHash);
        ctx.audit.record({ at, userId: caller.userId, action: 'auth.logout', entityType: 'user', entityId: caller.userId, detail: { client: caller.client } });
      })();
      ctx.emit('session.ended', { reason: 'logout' }, { kind: 'session', tokenHash: caller.tokenHash });
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
