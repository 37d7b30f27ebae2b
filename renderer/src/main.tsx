import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveApi } from './api/index.js';
import { App } from './app/App.js';
import { createAppStore } from './stores/create-app-store.js';
import { StoreProvider } from './stores/store-context.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/tables.css';
import './styles/overlays.css';
import './styles/inbox.css';
import './styles/mapping.css';
import './styles/lines.css';
import './styles/review.css';
import './styles/review-manual.css';
import './styles/reports.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const store = createAppStore({ api: resolveApi() });

createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
