// Multi-tenant settings: a tenant schema needs a dedicated session (search_path is per session), the
// shared schema goes through the pool. The session is released only when all three of its queries
// succeed.
import type { Pool } from 'pg';

export async function listFlags(pool: Pool, schema: string | undefined): Promise<string[]> {
  const session = schema !== undefined ? await pool.connect() : undefined; // leak: released only when the three session queries succeed
  if (session === undefined) {
    const shared = await pool.query<{ name: string }>('SELECT name FROM public.flags');
    return shared.rows.map((row) => row.name);
  }
  await session.query(`SET search_path TO ${String(schema)}`);
  const result = await session.query<{ name: string }>('SELECT name FROM flags');
  await session.query('RESET search_path');
  session.release();
  return result.rows.map((row) => row.name);
}
