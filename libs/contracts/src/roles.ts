export const ROLES = ['participant', 'editor', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Coordinators can do everything editors can. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
