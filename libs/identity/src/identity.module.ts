import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PRINCIPAL_RESOLVER } from '@partsmith/platform';
import { AccessService } from './access.service';
import { AuthService } from './auth.service';
import { IDENTITY_ENTITIES } from './entities';
import { IdentityResolver } from './identity.resolver';
import { InvitationService } from './invitation.service';
import { DeliverInvitationHandler } from './jobs/deliver-invitation.job';
import { MailerService } from './mail/mailer.service';
import { MembershipResolver, OrganizationResolver } from './organization.resolver';
import { OrganizationService } from './organization.service';
import { MembershipService } from './membership.service';
import { PasswordService } from './password.service';
import { SessionPrincipalResolver } from './principal-resolver.service';
import { SessionIssuer } from './session-issuer.service';
import { TokensService } from './tokens.service';

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  providers: [
    AccessService,
    AuthService,
    InvitationService,
    OrganizationService,
    MembershipService,
    PasswordService,
    SessionIssuer,
    TokensService,
    MailerService,
    DeliverInvitationHandler,
    SessionPrincipalResolver,
    { provide: PRINCIPAL_RESOLVER, useExisting: SessionPrincipalResolver },
    IdentityResolver,
    OrganizationResolver,
    MembershipResolver,
  ],
  exports: [AccessService, AuthService, OrganizationService, PasswordService, MailerService, PRINCIPAL_RESOLVER],
})
export class IdentityModule {}
