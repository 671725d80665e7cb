/**
 * Vitest global setup: one throwaway PostgreSQL and one Redis for the whole run (tests take a database
 * of their own on them: see test/fixtures/store-urls.ts). Where a server cannot start on a developer's
 * machine its tests are skipped with one loud line; in CI (CI set) that is a failure.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, startRedis, type TestServer } from '../fixtures/servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    redisUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: TestServer[] = [];
  const start = async (name: string, starter: () => Promise<TestServer>): Promise<string | null> => {
    try {
      const server = await starter();
      started.push(server);
      return server.url;
    } catch (error) {
      if (process.env.CI) throw new Error(`${name} is needed in CI and did not start: ${(error as Error).message}`);
      console.warn(`\n*** ${name} tests SKIPPED: ${name} could not start here (${(error as Error).message.split('\n')[0]}) ***\n`);
      return null;
    }
  };
  const [postgresUrl, redisUrl] = await Promise.all([start('PostgreSQL', startPostgres), start('Redis', startRedis)]);
  project.provide('postgresUrl', postgresUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    await Promise.all(started.map((server) => server.stop().catch(() => undefined)));
  };
}
