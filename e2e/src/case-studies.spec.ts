import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const DEMO_PASSWORD = 'doorway-demo-2016';

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

test('a case study goes from a government participant, through review with changes, into the gallery and its search', async ({ page }) => {
  const title = `Open briefings between the CERT and the ministry ${Date.now()}`;
  const lessonWord = `quokkaword${Date.now() % 100000}`;

  // 1. A government participant writes and submits a case study.
  await signIn(page, 'gov1@doorway.test');
  await page.goto('/case-studies/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Share a case study' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Country or region').fill('KE');
  await page.getByLabel('First year').fill('2014');
  await page.getByLabel('Last year').fill('2016');
  await page.getByRole('checkbox', { name: 'Incident response and CERTs' }).check();
  await page.getByRole('group', { name: 'Stakeholder groups involved' }).getByRole('checkbox', { name: 'Government', exact: true }).check();
  await page.getByRole('group', { name: 'Stakeholder groups involved' }).getByRole('checkbox', { name: 'Technical community' }).check();
  await page.getByLabel('The closed door').fill('The national CERT and the ministry only ever met during a crisis, and then only briefly.');
  await page.getByLabel('What opened it').fill('A monthly open briefing where network operators could put any question to the ministry.');
  await page.getByLabel('The outcome').fill('Incident reports doubled and the ministry asked operators to review its draft strategy.');
  await page.getByLabel('Lessons for others').fill(`Regular, unglamorous meetings build the trust a crisis cannot; we call it the ${lessonWord} rule.`);
  await page.getByRole('radio', { name: 'Organisation only' }).check();
  await page.getByRole('checkbox', { name: 'I agree to publish this case study' }).check();
  await expect(page.getByTestId('autosave-status')).toContainText('Saved');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('case-study-status')).toContainText('Submitted');
  const permalink = page.url();
  await signOut(page);

  // 2. An editor takes it and asks for changes.
  await signIn(page, 'editor1@doorway.test');
  await page.goto('/review');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: 'Take for review' }).click();
  await expect(page.getByTestId('case-study-status')).toContainText('In review');
  await page.getByLabel('Message to the submitter').fill('Please say which year the briefings started.');
  await page.getByRole('button', { name: 'Request changes' }).click();
  await expect(page.getByTestId('case-study-status')).toContainText('Changes requested');
  await signOut(page);

  // 3. The participant sees the request on "My contributions", revises and resubmits.
  await signIn(page, 'gov1@doorway.test');
  await page.goto('/me');
  const mine = page.getByTestId('my-case-study').filter({ hasText: title });
  await expect(mine).toContainText('Changes requested');
  await expect(mine).toContainText('Please say which year the briefings started.');
  await mine.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('First year').fill('2013');
  await expect(page.getByTestId('autosave-status')).toContainText('Saved');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('case-study-status')).toContainText('Submitted');
  await signOut(page);

  // 4. The editor accepts it.
  await signIn(page, 'editor1@doorway.test');
  await page.goto(permalink);
  await page.getByRole('button', { name: 'Take for review' }).click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByTestId('case-study-status')).toContainText('Accepted');
  await signOut(page);

  // 5. Anyone finds it in the gallery and by a word from its lessons.
  await page.goto('/case-studies');
  await expect(page.getByRole('heading', { level: 1, name: 'Doors that opened' })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await page.getByLabel('Search case studies').fill(lessonWord);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('case-study-card')).toHaveCount(1);
  await expect(page.getByTestId('case-study-card')).toContainText(title);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // Attributed as the submitter chose: the organisation, without the person's name.
  await expect(page.getByTestId('attribution')).toContainText('Ministry of ICT');
  await expect(page.getByTestId('attribution')).not.toContainText('Kwabena Asante-Boateng');
});
