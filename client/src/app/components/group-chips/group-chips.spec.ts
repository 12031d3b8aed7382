import { TestBed } from '@angular/core/testing';
import { emptyGroupCounts } from '@doorway/contracts';
import type { GroupCounts } from '@doorway/contracts';
import { GroupChips } from './group-chips';

async function render(counts: GroupCounts): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(GroupChips);
  fixture.componentRef.setInput('counts', counts);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('GroupChips', () => {
  it('shows one chip per group with comments, with abbreviation and count', async () => {
    const element = await render({ ...emptyGroupCounts(), civil_society: 2, government: 1 });
    const chips = element.querySelectorAll('[data-testid^="group-count-"]');
    expect(chips).toHaveLength(2);
    expect(element.querySelector('[data-testid="group-count-civil_society"]')?.textContent?.trim()).toBe('CS 2');
    expect(element.querySelector('[data-testid="group-count-government"]')?.textContent?.trim()).toBe('GOV 1');
  });

  it('hides groups with no comments', async () => {
    const element = await render({ ...emptyGroupCounts(), academia: 3 });
    expect(element.querySelector('[data-testid="group-count-government"]')).toBeNull();
    expect(element.querySelector('[data-testid="group-count-academia"]')).not.toBeNull();
  });

  it('describes the counts in words, most comments first', async () => {
    const element = await render({ ...emptyGroupCounts(), government: 1, civil_society: 2 });
    expect(element.querySelector('ul')?.getAttribute('aria-label')).toBe(
      'Comments by stakeholder group: Civil society 2, Government 1',
    );
  });

  it('uses a distinct style class per group (not colour alone: each class has its own border)', async () => {
    const element = await render({ ...emptyGroupCounts(), private_sector: 1 });
    expect(element.querySelector('[data-testid="group-count-private_sector"]')?.classList).toContain(
      'dw-group--private_sector',
    );
  });

  it('renders nothing at all when nobody commented', async () => {
    const element = await render(emptyGroupCounts());
    expect(element.querySelector('ul')).toBeNull();
  });
});
