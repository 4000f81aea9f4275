import { render } from 'preact';
import './styles.css';
import { App } from './app';
import { startLanguageSync } from './i18n';
import { startOnlineTracking } from './state/online';
import { startDevice } from './api/device';
import { startServiceWorker } from './sw-register';

startLanguageSync();
startOnlineTracking();
render(<App />, document.getElementById('app')!);
startDevice();
startServiceWorker();
