import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, signInThroughRedirect } from './workspace/browser.ts';
import { USERS } from './users.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  // Debian's chromium (apt), never a downloaded browser.
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('in headless Chromium', () => {
  it('an admin signs in and sees the dashboard shell with the demo project', async () => {
    const page = await browser.newPage();
    await signInThroughRedirect(page, baseUrl, '/admin', USERS.admin.email);
    await expect(page.getByRole('heading', { name: 'Projects' }).isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('current-user').textContent()).toBe(USERS.admin.email);
    expect(await page.getByTestId('project-list').textContent()).toContain('Demo: face swap');
    await page.screenshot({ path: 'test-results/dashboard-shell.png' }).catch(() => undefined);
    await page.close();
  });

  it('shows a clear message on a wrong password and stays on sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel('Email').fill(USERS.reviewer.email);
    await page.getByLabel('Password').fill('definitely-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // (Next.js has its own role=alert route announcer, so look the message up by its test id.)
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toBe('Wrong email or password.');
    expect(page.url()).toContain('/signin');
    await page.close();
  });
});
