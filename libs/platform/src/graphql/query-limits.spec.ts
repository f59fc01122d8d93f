import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { costLimitRule, depthLimitRule } from './query-limits';

const schema = buildSchema(`
  type Query { me: User, users(first: Int): UserConnection }
  type User { id: ID!, name: String, friends: [User!]!, org: Org }
  type Org { id: ID!, owner: User }
  type UserEdge { cursor: String!, node: User! }
  type UserConnection { edges: [UserEdge!]!, totalCount: Int! }
`);
const limits = { maxDepth: 5, maxCost: 100, maxPageSize: 50, defaultListSize: 10 };
const errorsOf = (query: string) =>
  validate(schema, parse(query), [...specifiedRules, depthLimitRule(limits), costLimitRule(limits)]).map((e) => e.extensions?.code);

describe('query limits', () => {
  it('accepts a shallow, cheap query', () => {
    expect(errorsOf('{ me { id org { id owner { id } } } }')).toEqual([]);
  });

  it('rejects a query deeper than the limit, also through fragments', () => {
    expect(errorsOf('{ me { org { owner { org { owner { id } } } } } }')).toEqual(['QUERY_TOO_DEEP']);
    expect(errorsOf('query { me { ...F } } fragment F on User { org { owner { org { owner { id } } } } }')).toEqual(['QUERY_TOO_DEEP']);
  });

  it('multiplies nested lists and pages and rejects what exceeds the cost limit', () => {
    expect(errorsOf('{ users(first: 5) { edges { node { id name } } } }')).toEqual([]);
    expect(errorsOf('{ users(first: 40) { edges { node { id friends { id } } } } }')).toEqual(['QUERY_TOO_COMPLEX']);
    expect(errorsOf('query Q($n: Int) { users(first: $n) { edges { node { id name friends { id } } } } }')).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
