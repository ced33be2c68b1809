import { create } from 'zustand';

/** Every capability has a place in the navigation, built or not (DESIGN.md: five capabilities). */
export const SCREENS = ['orders', 'pack', 'customers', 'inventory', 'returns', 'reports', 'sync', 'users', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

function screenFromHash(): Screen {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'orders';
}

interface NavState {
  screen: Screen;
  go(screen: Screen): void;
}

/**
 * The current screen lives in the URL hash so reloads (browser mode) and the
 * back button keep the user where they were; a hash change never leaves the page.
 */
export const useNav = create<NavState>()((set) => ({
  screen: screenFromHash(),
  go(screen) {
    if (location.hash !== `#/${screen}`) location.hash = `#/${screen}`;
    set({ screen });
  },
}));

window.addEventListener('hashchange', () => useNav.setState({ screen: screenFromHash() }));
