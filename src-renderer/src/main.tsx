import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserBridge } from './bridge/browser-bridge';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles/base.css';
import './styles/components.css';
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
