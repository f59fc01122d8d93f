import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { given, givenOperator } from '../support/given';
import { bootApi, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

describe('GraphQL conventions', () => {
  let env: TestEnvironment;
  let api: RunningApi;

  beforeAll(async () => {
    env = await createTestEnvironment({ GRAPHQL_MAX_DEPTH: '10', GRAPHQL_MAX_COST: '5000' });
    api = await bootApi(env.config);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('keeps the committed schema.graphql in step with the code (run `npm run schema:write` after changing it)', () => {
    const current = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    const updating = (expect.getState() as { snapshotState?: { _updateSnapshot?: string } }).snapshotState?._updateSnapshot === 'all';
    if (updating || !existsSync(SCHEMA_FILE)) writeFileSync(SCHEMA_FILE, `${current}\n`);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${current}\n`);
  });

  it('rejects an operation deeper than the limit before running it', async () => {
    const designer = await given.designer(api.graphql);
    const deep = `{ me { organization { members(first: 1) { edges { node { organization { members(first: 1) { edges { node { user { id } } } } } } } } } } }`;
    const result = await api.graphql.request(deep, {}, designer.accessToken);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP', depth: 11, maxDepth: 10 } });
  });

  it('rejects an operation whose estimated cost exceeds the limit, and accepts a modest one', async () => {
    const operator = await givenOperator(env.db, api.graphql);
    const costly = `{ organizations(first: 100) { edges { node { members(first: 100) { edges { node { user { id email displayName } } } } } } } }`;
    const rejected = await api.graphql.request(costly, {}, operator.accessToken);
    expect(rejected.status).toBe(400);
    expect(rejected.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 5000 });
    const modest = `{ organizations(first: 5) { edges { node { members(first: 5) { edges { node { user { email } } } } } } } }`;
    const accepted = await api.graphql.request(modest, {}, operator.accessToken);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.organizations.edges.length).toBeGreaterThan(0);
  });

  it('pages with opaque cursors and refuses a forged one with BAD_USER_INPUT', async () => {
    const operator = await givenOperator(env.db, api.graphql);
    for (let i = 0; i < 3; i++) await given.designer(api.graphql);
    const page = `query P($after: String) { organizations(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await api.graphql.data(page, {}, operator.accessToken)).organizations;
    const second = (await api.graphql.data(page, { after: first.pageInfo.endCursor }, operator.accessToken)).organizations;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const ids = [...first.edges, ...second.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    const forged = await api.graphql.request(page, { after: 'not-a-cursor' }, operator.accessToken);
    expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('blocks requests a browser could send cross-site without a preflight (CSRF prevention)', async () => {
    const response = await fetch(api.graphql.endpoint, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    const get = await fetch(`${api.graphql.endpoint}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
  });

  it('offers introspection outside production', async () => {
    const result = await api.graphql.request(`{ __schema { queryType { name } } }`);
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('GraphQL in production mode', () => {
  let env: TestEnvironment;
  let api: RunningApi;

  beforeAll(async () => {
    env = await createTestEnvironment({ NODE_ENV: 'production' });
    api = await bootApi(env.config);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('refuses introspection and serves no landing page', async () => {
    const result = await api.graphql.request(`{ __schema { queryType { name } } }`);
    expect(result.errors?.[0].message).toMatch(/introspection/i);
    const page = await fetch(api.graphql.endpoint, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql|<html/i);
  });
});
