import type { Role, UserInfo } from '../../../src-shared/contract';
import { OmsError } from '../../../src-shared/contract';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { CoreContext } from '../context';
import { isoNow } from '../clock';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  active: number;
  last_login_at: string | null;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
}

export const toUserInfo = (r: UserRow): UserInfo => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  lastLoginAt: r.last_login_at,
});

export function createUsers(ctx: CoreContext) {
  const { sqlite } = ctx;
  const byName = sqlite.prepare('SELECT * FROM users WHERE username = ? COLLATE NOCASE');
  const byId = sqlite.prepare('SELECT * FROM users WHERE id = ?');
  const list = sqlite.prepare('SELECT * FROM users ORDER BY username');
  const count = sqlite.prepare('SELECT count(*) AS n FROM users');
  const insert = sqlite.prepare('INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');

  return {
    byName: (username: string) => byName.get(username) as UserRow | undefined,
    byId: (id: number) => byId.get(id) as UserRow | undefined,
    count: () => (count.get() as { n: number }).n,
    list: () => (list.all() as UserRow[]).map(toUserInfo),

    /**
     * Creates a user. The hash is computed before the transaction so the write
     * itself is short; the uniqueness check and insert are one transaction.
     */
    async create(input: { username: string; displayName: string; role: Role; password: string }, actorId: number | null): Promise<UserInfo> {
      if (ctx.meta.kind === 'real') {
        const problem = passwordProblem(input.password, input.username);
        if (problem) throw new OmsError('VALIDATION', `password ${problem}`, { field: 'password' });
      }
      const hash = await hashPassword(input.password);
      const row = sqlite.transaction(() => {
        if (byName.get(input.username)) {
          throw new OmsError('CONFLICT', `A user named "${input.username}" already exists.`, { field: 'username' });
        }
        const at = isoNow(ctx.clock);
        const res = insert.run(input.username, input.displayName, input.role, hash, at);
        ctx.audit.record({ at, userId: actorId, action: 'user.create', entityType: 'user', entityId: Number(res.lastInsertRowid), detail: { username: input.username, role: input.role } });
        return byId.get(res.lastInsertRowid) as UserRow;
      }).immediate();
      return toUserInfo(row);
    },
  };
}
export type Users = ReturnType<typeof createUsers>;

/** Demo workspaces only: one user per role, password "demo". */
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'owner', displayName: 'Olivia Owner', role: 'owner' },
  { username: 'manager', displayName: 'Marcus Manager', role: 'manager' },
  { username: 'backoffice', displayName: 'Bea Backoffice', role: 'backoffice' },
  { username: 'packer', displayName: 'Pat Packer', role: 'packer' },
];

export async function seedDemoUsers(ctx: CoreContext): Promise<void> {
  if (ctx.meta.kind !== 'demo') throw new Error('demo users are only for demo workspaces');
  const users = createUsers(ctx);
  for (const u of DEMO_USERS) {
    if (!users.byName(u.username)) await users.create({ ...u, password: 'demo' }, null);
  }
}
