import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useSession } from '../../stores/session';
import { AuthLayout } from '../login/AuthLayout';

/** Opening the workspace — or saying clearly why it could not be opened (never a blank window). */
export function BootScreen() {
  const error = useSession((s) => s.bootError);
  const boot = useSession((s) => s.boot);
  return (
    <AuthLayout title={error ? 'Orderhouse could not open the workspace' : 'Opening workspace…'} testId="boot-screen">
      {error ? <ErrorNotice error={error} onRetry={() => void boot()} testId="boot-error" /> : <Spinner label="Connecting to the Orderhouse core" />}
    </AuthLayout>
  );
}
