import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * Paths the API answers outside its controllers' own prefixes: GraphQL, the queue dashboard, and the routes of
 * the unprefixed health controller. Every controller's prefix is added from Nest's metadata when the app is
 * mounted, so a new REST controller is never shadowed by the web app.
 */
const FIXED_API_PATH_PREFIXES = ['/graphql', '/admin', '/health', '/metrics'];

/** apps/web/dist, from the sources (jest) or from the compiled dist/ tree (npm start). */
export function webAppDirectory(): string | null {
  for (const root of [resolve(__dirname, '..', '..', '..'), resolve(__dirname, '..', '..', '..', '..')]) {
    const dir = join(root, 'apps', 'web', 'dist');
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/** The first segment of every controller's path (`/parts`, `/production`, …). */
export function controllerPathPrefixes(app: INestApplication): string[] {
  const prefixes = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const paths = ([] as unknown[]).concat(wrapper.metatype ? Reflect.getMetadata(PATH_METADATA, wrapper.metatype) : []);
      for (const path of paths) {
        const first = typeof path === 'string' ? path.replace(/^\/+/, '').split('/')[0] : '';
        if (first) prefixes.add(`/${first}`);
      }
    }
  }
  return [...prefixes];
}

export function isApiPath(path: string, prefixes: readonly string[] = FIXED_API_PATH_PREFIXES): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the built web app: hashed assets with a long cache, and index.html for every other browser
 * navigation (the app's router takes it from there). Returns whether the app was found.
 */
export function mountWebApp(app: INestApplication, dir = webAppDirectory()): boolean {
  if (!dir) return false;
  const server = app.getHttpAdapter().getInstance() as Express;
  server.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }));
  const index = join(dir, 'index.html');
  const apiPrefixes = [...FIXED_API_PATH_PREFIXES, ...controllerPathPrefixes(app)];
  server.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path, apiPrefixes) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
