import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserBridge } from './bridge/browser-bridge';
// The stylesheets of the lazily loaded screens (Returns, Customers) stay in the first bundle, ahead
// of base.css as they always were: their rules keep losing and winning against the shared ones exactly
// as before (several rely on that order), and a screen is never drawn before its styles arrive.
// ~25 kB of CSS; the screens' JavaScript is what is split off.
import './styles/returns.css';
import './styles/returns-detail.css';
import './styles/returns-wizard.css';
import './styles/returns-report.css';
import './styles/returns-policy.css';
import './styles/case-settings.css';
import './styles/customers.css';
import './styles/customer-duplicates.css';
import './styles/customer-import.css';
import './styles/merge-certain.css';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles/base.css';
import './styles/components.css';
import './styles/surfaces.css';
import './styles/tabs.css';
import './styles/shell.css';
import './styles/login.css';
import './styles/orders.css';
import './styles/detail.css';
import './styles/users.css';
import './styles/pack.css';
import './styles/order-actions.css';

// Electron's preload has already exposed window.oms. In a plain browser (browser
// mode) there is no preload, so the same contract is reached over HTTP/WebSocket.
if (typeof window.oms === 'undefined') {
  window.oms = createBrowserBridge();
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
