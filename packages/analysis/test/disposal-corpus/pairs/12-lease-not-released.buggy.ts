// A leakguard pool lease: released after the request, so a failing request keeps the lease until
// the pool's leak detector reports it.
import type { Pool } from 'corpus-lease-pool';

export interface HttpConnection {
  get(path: string): Promise<string>;
}

export async function fetchStatus(pool: Pool<HttpConnection>): Promise<string> {
  const lease = await pool.acquire(); // leak: not released when the request throws
  const body = await lease.resource.get('/status');
  lease.release();
  return body;
}
