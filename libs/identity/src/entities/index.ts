export * from './invitation.entity';
export * from './membership.entity';
export * from './organization.entity';
export * from './refresh-token.entity';
export * from './sent-email.entity';
export * from './session.entity';
export * from './user.entity';

import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { RefreshToken } from './refresh-token.entity';
import { SentEmail } from './sent-email.entity';
import { Session } from './session.entity';
import { User } from './user.entity';

export const IDENTITY_ENTITIES = [Organization, User, Membership, Session, RefreshToken, Invitation, SentEmail];
