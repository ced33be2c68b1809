import { lazy, Suspense } from 'react';
import { Spinner } from '../../components/Spinner';

/* The Inventory screen is its own chunk (with its stylesheet), fetched the first time it is opened. */
const InventoryScreen = lazy(() => import('./InventoryScreen').then((m) => ({ default: m.InventoryScreen })));

export function InventoryLoader() {
  return (
    <Suspense
      fallback={
        <div className="page page-centered screen-loading">
          <Spinner label="Loading screen…" />
        </div>
      }
    >
      <InventoryScreen />
    </Suspense>
  );
}
