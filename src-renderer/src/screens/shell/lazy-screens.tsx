import { lazy, Suspense, type ReactNode } from 'react';
import { Spinner } from '../../components/Spinner';

/*
 * Screens other than Orders (the first page after sign-in) are split into their own
 * chunks and fetched the first time they are opened, so a cold start parses only
 * what the queue needs. Each chunk brings its own stylesheet with it.
 */
export const ReturnsScreen = lazy(() => import('../returns/ReturnsScreen').then((m) => ({ default: m.ReturnsScreen })));
export const CustomersScreen = lazy(() => import('../customers/CustomersScreen').then((m) => ({ default: m.CustomersScreen })));
export const SyncScreen = lazy(() => import('../sync/SyncScreen').then((m) => ({ default: m.SyncScreen })));
export const UsersScreen = lazy(() => import('../users/UsersScreen').then((m) => ({ default: m.UsersScreen })));
export const PackScreen = lazy(() => import('../pack/PackScreen').then((m) => ({ default: m.PackScreen })));

/** What shows while a screen's chunk is fetched: announced to screen readers, not a blank page. */
export function ScreenLoading() {
  return (
    <div className="page page-centered screen-loading" data-testid="screen-loading">
      <Spinner label="Loading screen…" />
    </div>
  );
}

/** A lazily loaded screen; a chunk that fails to load is caught by the ErrorBoundary around it. */
export function LazyScreen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<ScreenLoading />}>{children}</Suspense>;
}
