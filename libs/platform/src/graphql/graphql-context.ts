import { createParamDecorator, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { RequestContext } from '../context';

export interface GraphQLContext {
  req: Request;
  res: Response;
  ctx: RequestContext;
}

/** Injects the RequestContext into a resolver method: `me(@Ctx() ctx: RequestContext)`. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  if (execution.getType<string>() === 'graphql') return GqlExecutionContext.create(execution).getContext<GraphQLContext>().ctx;
  return (execution.switchToHttp().getRequest<Request & { ctx: RequestContext }>()).ctx;
});

export type PrincipalResolution = { principal: Principal } | { problem: string };

/** Implemented by the identity context: turns a bearer token into a live principal (or says why not). */
export interface PrincipalResolver {
  resolve(accessToken: string): Promise<PrincipalResolution>;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookie = req.headers.cookie?.split(';').map((part) => part.trim()).find((part) => part.startsWith('ps_access='));
  return cookie ? decodeURIComponent(cookie.slice('ps_access='.length)) : undefined;
}

/** Builds the RequestContext for an HTTP request (GraphQL or REST). */
@Injectable()
export class RequestContextFactory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PRINCIPAL_RESOLVER) private readonly principals: PrincipalResolver,
  ) {}

  async forRequest(req: Request): Promise<RequestContext> {
    const token = bearerToken(req);
    const resolution = token ? await this.principals.resolve(token) : undefined;
    const principal = resolution && 'principal' in resolution ? resolution.principal : null;
    const problem = resolution && 'problem' in resolution ? resolution.problem : undefined;
    const requestId = (req as Request & { id?: string }).id;
    return new RequestContext(this.dataSource, principal, requestId, problem, {
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 300),
    });
  }
}
