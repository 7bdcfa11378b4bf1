/**
 * The browser the tests, benchmarks and screenshots drive: Debian's Chromium where it is
 * installed (Playwright's own download is blocked on our machines; CHROMIUM_PATH overrides),
 * otherwise Playwright's browser. The flags keep a headless run quiet and comparable: no
 * sandbox (containers), software rendering, no QUIC, and no background traffic of its own.
 */
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_PATH: string | undefined = existsSync(path) ? path : undefined;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options for Playwright's `chromium.launch()`. */
export const CHROMIUM_LAUNCH = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
