// Code passed to page.evaluate / serviceWorker.evaluate runs in the browser, where `chrome` exists.
declare const chrome: any;

// The Draft.js fixture page uses React without its type packages (fixture only).
declare module 'react';
declare module 'react-dom/client';
declare module 'draft-js';
