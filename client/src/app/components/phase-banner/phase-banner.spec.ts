import { TestBed } from '@angular/core/testing';
import type { ConsultationPhase } from '@doorway/contracts';
import { consultationState } from '../../shared/consultation/phase';
import { PhaseBanner } from './phase-banner';

const NOW = Date.parse('2016-11-18T12:00:00.000Z');

async function bannerText(phase: ConsultationPhase, commentDeadline: string | null): Promise<string> {
  const fixture = TestBed.createComponent(PhaseBanner);
  fixture.componentRef.setInput('state', consultationState({ phase, commentDeadline }, NOW));
  await fixture.whenStable();
  const banner = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="phase"]');
  return banner?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('PhaseBanner', () => {
  it('says until when comments are open and how many days are left', async () => {
    const text = await bannerText('open', '2016-11-30T12:00:00.000Z');
    // Dates follow the interface language (en-GB in English): "30 November 2016 at 12:00".
    expect(text).toMatch(/^Open for comment until 30 November 2016 at \d{2}:\d{2} \(12 days left\)$/);
    expect(await bannerText('open', null)).toBe('Open for comment');
  });

  it('says the consultation is closed, final or a draft, and why nobody can comment', async () => {
    expect(await bannerText('closed', null)).toMatch(/^Closed for comment\s*The consultation is closed while the editors/);
    expect(await bannerText('final', null)).toContain('Final version');
    expect(await bannerText('draft', null)).toContain('Draft (editors only)');
    expect(await bannerText('open', '2016-11-01T00:00:00.000Z')).toMatch(/^Closed for comment\s*The comment deadline has passed/);
  });
});
