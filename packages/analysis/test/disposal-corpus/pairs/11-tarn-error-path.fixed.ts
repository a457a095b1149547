// The fix: the release in finally.
import type { Pool } from 'tarn';

export interface SearchConnection {
  search(query: string): Promise<string[]>;
}

export async function search(pool: Pool<SearchConnection>, query: string): Promise<string[]> {
  const connection = await pool.acquire().promise;
  try {
    return await connection.search(query);
  } catch (error) {
    console.warn(`search for ${JSON.stringify(query)} failed`);
    throw error;
  } finally {
    pool.release(connection);
  }
}
