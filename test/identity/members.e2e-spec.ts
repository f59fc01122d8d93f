import { given, LOGIN, ME } from '../support/given';
import { eventually, useMarketplace } from '../support/harness';

const INVITE = `mutation I($input: InviteMemberInput!) { inviteMember(input: $input) { __typename ... on ErrorResult { errorCode message } } }`;
const ACCEPT = `mutation A($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename ... on AuthPayload { accessToken role } ... on ErrorResult { errorCode } } }`;
const MEMBERS = `query M($id: ID!) { organization(id: $id) { members(first: 10) { totalCount edges { node { id role user { email } } } } } }`;
const CHANGE = `mutation C($id: ID!, $role: Role!) { changeMemberRole(membershipId: $id, role: $role) { __typename ... on Membership { role } ... on ErrorResult { errorCode message } } }`;
const REMOVE = `mutation R($id: ID!) { removeMember(membershipId: $id) { __typename ... on ErrorResult { errorCode } } }`;

describe('members, roles and invitations', () => {
  const world = useMarketplace();

  async function join(adminToken: string, email: string, role: string): Promise<string> {
    expect((await world.api.graphql.data(INVITE, { input: { email, role } }, adminToken)).inviteMember.__typename).toBe('InvitationCreated');
    const [mail] = await eventually(async () => {
      const rows = await world.env.db.query(`SELECT body FROM sent_emails WHERE to_address = $1`, [email]);
      return rows.length ? rows : undefined;
    });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.body)![1];
    const accepted = (await world.api.graphql.data(ACCEPT, { input: { token, password: 'member password 1', displayName: 'Member' } })).acceptInvitation;
    expect(accepted.__typename).toBe('AuthPayload');
    return accepted.accessToken;
  }

  it('lets a factory admin invite, promote and remove members, with every change live at once', async () => {
    const admin = await given.factory(world.api.graphql);
    const memberToken = await join(admin.accessToken, 'machinist@example.test', 'factory_member');
    expect((await world.api.graphql.data(ME, {}, memberToken)).me.role).toBe('factory_member');

    const denied = await world.api.graphql.request(INVITE, { input: { email: 'x@example.test', role: 'factory_member' } }, memberToken);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const wrongRole = await world.api.graphql.data(INVITE, { input: { email: 'y@example.test', role: 'designer' } }, admin.accessToken);
    expect(wrongRole.inviteMember).toMatchObject({ __typename: 'InputValidationError' });

    const members = (await world.api.graphql.data(MEMBERS, { id: admin.organizationId }, admin.accessToken)).organization.members;
    expect(members.totalCount).toBe(2);
    const member = members.edges.find((edge: { node: { user: { email: string } } }) => edge.node.user.email === 'machinist@example.test').node;

    const promoted = await world.api.graphql.data(CHANGE, { id: member.id, role: 'factory_admin' }, admin.accessToken);
    expect(promoted.changeMemberRole).toEqual({ __typename: 'Membership', role: 'factory_admin' });
    expect((await world.api.graphql.data(ME, {}, memberToken)).me.role).toBe('factory_admin'); // same token, new role

    const removed = await world.api.graphql.data(REMOVE, { id: member.id }, admin.accessToken);
    expect(removed.removeMember.__typename).toBe('MemberRemoved');
    expect((await world.api.graphql.request(ME, {}, memberToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const login = await world.api.graphql.data(LOGIN, { input: { email: 'machinist@example.test', password: 'member password 1' } });
    expect(login.login.__typename).toBe('InvalidCredentialsError'); // no organisation left to act for
  });

  it('never leaves an organisation without someone who can manage it', async () => {
    const designer = await given.designer(world.api.graphql);
    const members = (await world.api.graphql.data(MEMBERS, { id: designer.organizationId }, designer.accessToken)).organization.members;
    const self = members.edges[0].node.id;
    const result = await world.api.graphql.data(REMOVE, { id: self }, designer.accessToken);
    expect(result.removeMember).toMatchObject({ __typename: 'LastManagerError', errorCode: 'LAST_MANAGER' });
  });

  it("does not let one organisation touch another's members", async () => {
    const a = await given.factory(world.api.graphql);
    const b = await given.factory(world.api.graphql);
    const bMembers = (await world.api.graphql.data(MEMBERS, { id: b.organizationId }, b.accessToken)).organization.members;
    const result = await world.api.graphql.request(CHANGE, { id: bMembers.edges[0].node.id, role: 'factory_member' }, a.accessToken);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.api.graphql.request(MEMBERS, { id: b.organizationId }, a.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
