// Puppeteer cannot download its own browser on our machines; we use the system Chromium (see src/print/browser.ts).
module.exports = { skipDownload: true };
