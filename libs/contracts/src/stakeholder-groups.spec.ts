import { STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_ABBREVIATIONS, emptyGroupCounts, isStakeholderGroup } from './stakeholder-groups';
import { hasRole } from './roles';

describe('stakeholder groups', () => {
  it('recognises exactly the six IGF groups', () => {
    expect(STAKEHOLDER_GROUPS).toHaveLength(6);
    expect(isStakeholderGroup('civil_society')).toBe(true);
    expect(isStakeholderGroup('Civil Society')).toBe(false);
    expect(isStakeholderGroup(undefined)).toBe(false);
  });

  it('gives every group a distinct abbreviation so colour is never the only cue', () => {
    const abbreviations = STAKEHOLDER_GROUPS.map((g) => STAKEHOLDER_GROUP_ABBREVIATIONS[g]);
    expect(new Set(abbreviations).size).toBe(STAKEHOLDER_GROUPS.length);
  });

  it('starts every group at zero', () => {
    expect(Object.values(emptyGroupCounts())).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('roles', () => {
  it('ranks coordinator above editor above participant', () => {
    expect(hasRole('coordinator', 'editor')).toBe(true);
    expect(hasRole('editor', 'coordinator')).toBe(false);
    expect(hasRole('participant', 'participant')).toBe(true);
  });
});
