// Debian's Chromium and the switches that the browser tests and the Lighthouse run share:
// offline and quiet, nothing but the pages under test goes over the network. CommonJS, so
// that both the Playwright config (TypeScript) and lighthouse.mjs can load it on Node 20.
module.exports = {
  CHROMIUM_PATH: process.env.CHROME_PATH || '/usr/bin/chromium',
  CHROMIUM_FLAGS: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
