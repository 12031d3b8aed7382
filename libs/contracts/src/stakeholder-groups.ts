/** The six stakeholder groups of the IGF, as stored and sent over the wire. */
export const STAKEHOLDER_GROUPS = [
  'government',
  'civil_society',
  'technical_community',
  'private_sector',
  'academia',
  'intergovernmental',
] as const;

export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** Human labels, used by the client and by exports. */
export const STAKEHOLDER_GROUP_LABELS: Readonly<Record<StakeholderGroup, string>> = {
  government: 'Government',
  civil_society: 'Civil society',
  technical_community: 'Technical community',
  private_sector: 'Private sector',
  academia: 'Academia',
  intergovernmental: 'Intergovernmental',
};

/** Short, distinct abbreviations so a group is never told apart by colour alone. */
export const STAKEHOLDER_GROUP_ABBREVIATIONS: Readonly<Record<StakeholderGroup, string>> = {
  government: 'GOV',
  civil_society: 'CS',
  technical_community: 'TECH',
  private_sector: 'PS',
  academia: 'ACA',
  intergovernmental: 'IGO',
};

export function isStakeholderGroup(value: unknown): value is StakeholderGroup {
  return typeof value === 'string' && (STAKEHOLDER_GROUPS as readonly string[]).includes(value);
}

/** A count per group; every group is present, zero when nobody from it wrote. */
export type GroupCounts = Record<StakeholderGroup, number>;

export function emptyGroupCounts(): GroupCounts {
  return {
    government: 0,
    civil_society: 0,
    technical_community: 0,
    private_sector: 0,
    academia: 0,
    intergovernmental: 0,
  };
}
