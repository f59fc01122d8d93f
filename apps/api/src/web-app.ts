import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths the API answers itself: the web app never shadows them (GraphiQL, REST, SSE, health, metrics, dashboard). */
export const API_PATH_PREFIXES = ['/graphql', '/events', '/health', '/metrics', '/admin', '/parts', '/sourcing', '/factories', '/webhooks'];

/** apps/web/dist, from the sources (jest) or from the compiled dist/ tree (npm start). */
export function webAppDirectory(): string | null {
  for (const root of [resolve(__dirname, '..', '..', '..'), resolve(__dirname, '..', '..', '..', '..')]) {
    const dir = join(root, 'apps', 'web', 'dist');
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

export function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
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
  server.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
