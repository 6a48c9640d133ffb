import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** In CI the browser tests must run (.ci/run installs Debian's chromium); elsewhere they may be skipped when it is absent. */
export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;

/** Headless Chromium for the machine's closed network: no background connections (each launch gets a fresh profile). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}
