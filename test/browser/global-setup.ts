import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import { siteCsp, startStaticServer } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    cspSiteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const plain = await startStaticServer('dist');
  const strict = await startStaticServer('dist', { 'content-security-policy': siteCsp('dist') });
  project.provide('siteUrl', plain.url);
  project.provide('cspSiteUrl', strict.url);
  return async () => {
    plain.server.close();
    strict.server.close();
  };
}
