import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The participant's report as an A4 PDF: headless Chromium opens the dashboard's report page in its
 * print layout, as the caller (with the caller's session), and prints it. One browser is started on
 * first use and kept; each report gets a fresh context.
 */
export const CHROMIUM_PATH = process.env.YOROZU_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export class ReportPdfRenderer {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly baseUrl: () => string) {}

  available(): boolean {
    return existsSync(CHROMIUM_PATH);
  }

  async render(participantId: string, days: number, sessionToken: string, language: 'ja' | 'en'): Promise<Buffer> {
    const browser = await this.sharedBrowser();
    const base = this.baseUrl();
    const context = await browser.newContext({
      locale: language === 'en' ? 'en-US' : 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    try {
      await context.addCookies([
        { name: 'yorozu_session', value: sessionToken, url: base, httpOnly: true, sameSite: 'Lax' },
      ]);
      // The dashboard keeps its language in localStorage (runs in the page, hence the string).
      await context.addInitScript(
        `try { localStorage.setItem('yorozu.language', ${JSON.stringify(language)}); } catch {}`,
      );
      const page = await context.newPage();
      await page.goto(`${base}/participants/${participantId}/report?days=${days}&print=1`);
      await page.locator('[data-test=report-ready]').waitFor({ timeout: 30_000 });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  /**
   * A document given as HTML (the deletion certificate) as an A4 PDF, by the same browser. The page
   * gets no network: everything it shows is in the HTML.
   */
  async renderHtml(html: string): Promise<Buffer> {
    const browser = await this.sharedBrowser();
    const context = await browser.newContext({
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      javaScriptEnabled: false,
      offline: true,
    });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  /** The one browser, started on first use; started again if it crashed or was closed. */
  private async sharedBrowser(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
      this.browser = launching;
      launching.then(
        (browser) =>
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = undefined;
          }),
        () => {
          if (this.browser === launching) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close();
  }
}
