// The renderer's entry point: mounts the app with its translations, its bridge to the core and its announcer.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { AnnouncerProvider } from './app/announcer';
import { BridgeProvider } from './app/api';
import { App } from './app/App';
import { getBridge } from './app/bridge';
import { createI18n } from './i18n';
import './ui/theme.css';
import './ui/people.css';

// Dutch until the stored setting says otherwise (read once the store is open).
const i18n = createI18n('nl');
const bridge = getBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <BridgeProvider bridge={bridge}>
        <AnnouncerProvider>
          <App />
        </AnnouncerProvider>
      </BridgeProvider>
    </I18nextProvider>
  </StrictMode>,
);
