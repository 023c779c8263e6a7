// The consoles' test kit: a built app on the dev host, Debian's Chromium to look at it, and its api.http run.
export {
  brokenLabelWords,
  cutOffInPanels,
  openBrowser,
  outsideTheirPanels,
  sidewaysOverflow,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  type ConsoleBrowser,
  type OpenBrowserOptions,
} from './browser.ts';
export { outsideLandmarks } from './landmarks.ts';
export { startConsoleApp, type ConsoleApp, type ConsoleAppOptions } from './console-app.ts';
export { useConsoleApp, type ConsoleTestKit, type UseConsoleAppOptions } from './use-console-app.ts';
export {
  sendFromPage,
  startCrossOriginPage,
  submitFormFromPage,
  type CrossOriginAnswer,
  type CrossOriginPage,
} from './cross-origin-page.ts';
export {
  describeCrossOriginWrite,
  expectCrossOriginRefusal,
  expectReboundRefusal,
  useCrossOriginPage,
  REBOUND_HOST,
  type CrossOriginTestKit,
  type CrossOriginWriteSpec,
  type UseCrossOriginPageOptions,
} from './cross-origin-test.ts';
export { runHttpExamples, type HttpExampleResult } from './http-examples.ts';
