/**
 * Debian's Chromium driven by playwright-core (no browser download). Browser tests run where
 * /usr/bin/chromium exists; CI installs it and sets HANCHOT_BROWSER_TESTS=required, so that there
 * a missing browser fails the run instead of skipping the tests.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const browserAvailable = existsSync(CHROMIUM);

if (!browserAvailable && process.env.HANCHOT_BROWSER_TESTS === "required") {
  throw new Error(`HANCHOT_BROWSER_TESTS=required but ${CHROMIUM} is missing (apt-get install -y chromium)`);
}
if (!browserAvailable)
  console.warn(`Browser tests not run: ${CHROMIUM} is missing (sudo apt-get install -y chromium).`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
