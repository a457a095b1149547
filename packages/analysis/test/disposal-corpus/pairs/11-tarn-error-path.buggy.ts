// A tarn pool of search connections: the error path logs and rethrows, the release sits after it.
import type { Pool } from 'tarn';

export interface SearchConnection {
  search(query: string): Promise<string[]>;
}

export async function search(pool: Pool<SearchConnection>, query: string): Promise<string[]> {
  const connection = await pool.acquire().promise; // leak: not released when search() throws
  let hits: string[];
  try {
    hits = await connection.search(query);
  } catch (error) {
    console.warn(`search for ${JSON.stringify(query)} failed`);
    throw error;
  }
  pool.release(connection);
  return hits;
}
