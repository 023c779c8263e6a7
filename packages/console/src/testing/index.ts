// The consoles' browser test kit: a built app on the dev host, and Debian's Chromium to look at it.
export { openBrowser, CHROMIUM_ARGS, CHROMIUM_PATH, type ConsoleBrowser } from './browser.ts';
export { startConsoleApp, type ConsoleApp, type ConsoleAppOptions } from './console-app.ts';
