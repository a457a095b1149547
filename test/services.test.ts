import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SERVICES, requireService } from './support/services.js';

describe('services the integration tests need', () => {
  it.each(Object.keys(SERVICES) as (keyof typeof SERVICES)[])('%s is reachable', async (name) => {
    await requireService(name);
  });

  it('a service that is down fails with its name, address and start command', async () => {
    // Find a port nobody listens on: bind, read it, close.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(requireService('redis', { ...SERVICES.redis, port })).rejects.toThrow(
      new RegExp(`^Redis is not reachable at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)\\. This test needs it; start it with: redis-server --daemonize yes`),
    );
  });
});
