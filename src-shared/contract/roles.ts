/**
 * Roles and what each may do. The core checks these on every call; the renderer
 * reads the same table only to hide what a user cannot use.
 */
export const ROLES = ['owner', 'manager', 'backoffice', 'packer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  backoffice: 'Back office',
  packer: 'Packer',
};

export const PERMISSIONS = [
  'session', // any signed-in user: whoami, logout
  'users.read',
  'users.manage',
  'orders.read',
  'orders.write',
  'orders.fulfil',
  'customers.read',
  'customers.write',
  /** Service targets, reply templates and the SMTP server for case replies. */
  'cases.configure',
  'inventory.read',
  'inventory.write',
  'returns.read',
  'returns.write',
  'returns.override',
  'reports.read',
  'sync.read',
  'sync.manage',
  'settings.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL,
  manager: ALL.filter((p) => p !== 'users.manage' && p !== 'settings.manage'),
  backoffice: [
    'session',
    'users.read',
    'orders.read',
    'orders.write',
    'orders.fulfil',
    'customers.read',
    'customers.write',
    'inventory.read',
    'returns.read',
    'returns.write',
    'sync.read',
  ],
  packer: ['session', 'orders.read', 'orders.fulfil', 'inventory.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
