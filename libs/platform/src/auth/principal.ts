export const ORGANIZATION_KINDS = ['designer', 'factory', 'platform'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ROLES = ['designer', 'factory_admin', 'factory_member', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Which roles a member of each kind of organisation may hold. */
export const ROLES_BY_ORGANIZATION_KIND: Readonly<Record<OrganizationKind, readonly Role[]>> = {
  designer: ['designer'],
  factory: ['factory_admin', 'factory_member'],
  platform: ['operator'],
};

/** The authenticated caller, resolved from a verified access token and a live session. */
export interface Principal {
  userId: string;
  sessionId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  role: Role;
}
