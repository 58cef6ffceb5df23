// Where is a Chromium for the end-to-end tests? Debian's, or Playwright's own where downloads work.
import { existsSync } from "node:fs";

export async function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(p)) return p;
  }
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright not installed yet.
  }
  return null;
}

export const CHROMIUM_MISSING =
  "No Chromium found for the end-to-end tests. Install Debian's (apt-get install -y chromium), " +
  "or Playwright's own where downloads work (npx playwright install chromium), " +
  "or set CHROMIUM_PATH to a Chromium executable.";
