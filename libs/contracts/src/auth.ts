import type { Role } from './roles';
import type { StakeholderGroup } from './stakeholder-groups';

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
  organisation?: string;
  /** ISO 3166-1 alpha-2, e.g. `MX`. */
  country?: string;
  stakeholderGroup: StakeholderGroup;
}

export interface SignInRequest {
  email: string;
  password: string;
}

/** Changing one's password ends every other session; the answer carries a fresh one for this browser. */
export interface ChangePasswordRequest {
  currentPassword: string;
  /** The same rules as at registration (LIMITS.password). */
  newPassword: string;
}

/** The signed-in user as they see themselves. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  organisation: string | null;
  country: string | null;
  stakeholderGroup: StakeholderGroup;
  groupVerified: boolean;
  role: Role;
}

export interface SessionResponse {
  user: CurrentUser | null;
}
