// A sync job returns early when the remote folder is empty, with the session still open.
import { connect } from 'corpus-sftp';

export async function downloadNewest(host: string, folder: string): Promise<Uint8Array | undefined> {
  const session = await connect({ host, username: 'sync' }); // leak: not ended on the early return
  try {
    const names = await session.list(folder);
    if (names.length === 0) {
      return undefined;
    }
    const newest = [...names].sort().at(-1) ?? names[0];
    const data = await session.get(`${folder}/${newest}`);
    await session.end();
    return data;
  } catch (error) {
    await session.end();
    throw error;
  }
}
