import type { Permission } from '../../../../src-shared/contract';
import type { Screen } from '../../stores/nav';

export interface NavItem {
  screen: Screen;
  label: string;
  /** Who sees it: the core enforces the same permission on every call; hiding is a courtesy. */
  permission: Permission;
  /** False until the screen is built: it then says plainly what will be there. */
  built: boolean;
  /** What the screen is for, shown on "not built yet" panels. */
  purpose: string;
  upcoming: string[];
}

export const NAV_ITEMS: NavItem[] = [
  {
    screen: 'orders',
    label: 'Orders',
    permission: 'orders.read',
    built: true,
    purpose: 'Work the order queues.',
    upcoming: [],
  },
  {
    screen: 'pack',
    label: 'Pack station',
    permission: 'orders.fulfil',
    built: true,
    purpose: 'Keyboard-only packing for a workstation with a barcode scanner.',
    upcoming: ['Print straight to the printer (today the packing slip is a PDF download, F4)'],
  },
  {
    screen: 'customers',
    label: 'Customers',
    permission: 'customers.read',
    built: true,
    purpose: 'One clean record per real person, and their whole story on one screen.',
    upcoming: ['CSV import in the app with a mapping step and preview (the CLI has it: oms customers import)', 'Sending case replies through your SMTP server (today: copy the reply)'],
  },
  {
    screen: 'inventory',
    label: 'Inventory',
    permission: 'inventory.read',
    built: true,
    purpose: 'One stock picture per SKU and location.',
    upcoming: [
      'Low-stock alerts with reorder points from sales velocity',
      'Reorder suggestions comparing new cost with what was paid last time',
      'Purchase orders',
    ],
  },
  {
    screen: 'returns',
    label: 'Returns',
    permission: 'returns.read',
    built: true,
    purpose: 'Returns handled by your own policy, step by step.',
    upcoming: ['Exchanges for an item at another price (the difference is settled outside Orderhouse today)'],
  },
  {
    screen: 'reports',
    label: 'Reports',
    permission: 'reports.read',
    built: false,
    purpose: 'Trends for owners, fast even offline.',
    upcoming: [
      'Sales by day, week and month; high and low selling periods',
      'Best sellers and customer buying trends',
      'Returns rate and stock to reorder',
    ],
  },
  {
    screen: 'sync',
    label: 'Sync',
    permission: 'sync.read',
    built: true,
    purpose: 'The link with your shop platform (Shopify first).',
    upcoming: [
      'Connect a shop from the app (today: oms connect shopify on the command line)',
      'Scheduled sync and sync at start (today: Sync now, or oms sync running beside the app)',
      'Run history beyond the last run',
      'The built-in demo store as a live sync source',
    ],
  },
  {
    screen: 'users',
    label: 'Users',
    permission: 'users.read',
    built: true,
    purpose: 'Who can sign in, and with which role.',
    upcoming: [],
  },
  {
    screen: 'settings',
    label: 'Settings',
    permission: 'settings.manage',
    built: false,
    purpose: 'Workspace settings.',
    upcoming: ['Shop connection', 'Return policy', 'Locations and printers', 'Backups and restore', 'Audit log'],
  },
];

export function navItem(screen: Screen): NavItem {
  return NAV_ITEMS.find((i) => i.screen === screen) ?? NAV_ITEMS[0]!;
}
