import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/titillium-web/400.css';
import '@fontsource/titillium-web/400-italic.css';
import '@fontsource/titillium-web/600.css';
import '@fontsource/titillium-web/700.css';
import '@mantine/core/styles.layer.css';
// The dates, charts and table styles come with the chunks that use them (#12).
import '@mantine/notifications/styles.layer.css';
import './app/styles.css';
import { i18nReady } from './i18n';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The first screen's words must be there before it shows: its language's messages come in their own chunk.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
