// Multi-tenant settings: a tenant schema needs a dedicated session, the shared schema goes through
// the pool; the session, when there is one, is released in finally.
import type { Pool } from 'pg';

export async function listFlags(pool: Pool, schema: string | undefined): Promise<string[]> {
  const session = schema !== undefined ? await pool.connect() : undefined;
  try {
    if (session === undefined) {
      const shared = await pool.query<{ name: string }>('SELECT name FROM public.flags');
      return shared.rows.map((row) => row.name);
    }
    await session.query(`SET search_path TO ${String(schema)}`);
    const result = await session.query<{ name: string }>('SELECT name FROM flags');
    await session.query('RESET search_path');
    return result.rows.map((row) => row.name);
  } finally {
    session?.release();
  }
}
