// The fix: `using` returns the lease on every path.
import type { Pool } from 'corpus-lease-pool';

export interface HttpConnection {
  get(path: string): Promise<string>;
}

export async function fetchStatus(pool: Pool<HttpConnection>): Promise<string> {
  using lease = await pool.acquire();
  return await lease.resource.get('/status');
}
