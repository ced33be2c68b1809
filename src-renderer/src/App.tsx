import { useEffect } from 'react';
import { useSession } from './stores/session';
import { BootScreen } from './screens/boot/BootScreen';
import { LoginScreen } from './screens/login/LoginScreen';
import { OwnerSetupScreen } from './screens/login/OwnerSetupScreen';
import { AppShell } from './screens/shell/AppShell';

/** Picks the top-level screen from the session phase; nothing else decides this. */
export function App() {
  const phase = useSession((s) => s.phase);
  const boot = useSession((s) => s.boot);

  useEffect(() => {
    void boot();
  }, [boot]);

  switch (phase) {
    case 'booting':
    case 'boot-error':
      return <BootScreen />;
    case 'setup':
      return <OwnerSetupScreen />;
    case 'login':
      return <LoginScreen />;
    case 'ready':
      return <AppShell />;
  }
}
