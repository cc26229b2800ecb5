import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { TEST_OPERATOR } from '../../harness/api-client.js';

/**
 * Debian's Chromium, headless, driven by playwright-core (no browser download: `.ci/run` installs
 * the chromium package). The flags keep it from reaching for the network this machine does not have.
 */
export const CHROMIUM = process.env.YOROZU_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Signs in through the login form, as a person would. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  loginName: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=loginName]').fill(loginName);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-test=signed-in-as]').waitFor();
}

/**
 * Signs the test operator in and opens an operator page, answering the access-purpose dialog that every operator
 * page asks once per session (terms art. 15) with its default purpose.
 */
export async function openAsOperator(page: Page, baseUrl: string, path: string): Promise<void> {
  await signInThroughForm(page, baseUrl, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  await page.goto(`${baseUrl}${path}`);
  await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
}

/**
 * Clicks a link of the operators' header, as a person would: its group's menu first (the header groups its links,
 * dashboard/src/app/nav-links.ts). `test` is the link's data-test name, e.g. `nav-desk`.
 */
export async function clickHeaderLink(page: Page, test: string): Promise<void> {
  const group = page.locator('header details', { has: page.locator(`[data-test=${test}]`) });
  await group.locator('summary').click();
  await group.locator(`[data-test=${test}]`).click();
}

/** Collects page errors so a test can assert the page ran without them. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The parts of a DOM node shownText reads (the test project is compiled without the DOM's types). */
interface ShownNode {
  nodeType: number;
  tagName?: string;
  textContent: string | null;
  shadowRoot?: ShownNode | null;
  childNodes: ArrayLike<ShownNode>;
}

/**
 * The text shown inside an element, shadow roots included (a Lit page's text lives in shadow roots, which
 * `innerText` does not enter, so a "not shown" check on it would pass on an empty string). Fails when nothing
 * is shown at all, so such a check cannot pass vacuously.
 */
export async function shownText(locator: Locator): Promise<string> {
  const text = await locator.evaluate((root: unknown) => {
    const TEXT_NODE = 3;
    const parts: string[] = [];
    const walk = (node: ShownNode): void => {
      if (node.tagName !== undefined && ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
      if (node.nodeType === TEXT_NODE) parts.push(node.textContent ?? '');
      if (node.shadowRoot) walk(node.shadowRoot);
      for (const child of Array.from(node.childNodes)) walk(child);
    };
    walk(root as ShownNode);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  });
  if (text === '') throw new Error('shownText: the element shows no text at all');
  return text;
}
