/** Keys are `<organization id>/<file id>`: both uuids, so a key never walks out of its folder. */
export const storageKey = (organizationId: string, fileId: string): string => `${organizationId}/${fileId}`;
/**
 * Where org:import writes an archive's files before its transaction commits
 * (`_staging/<import id>/<organization id>/<file id>`): never a key a row
 * names, so a refused import that removes its staged objects cannot touch a
 * file of an organization already here with the same ids.
 */
export const stagingKey = (importId: string, organizationId: string, fileId: string): string => `_staging/${importId}/${storageKey(organizationId, fileId)}`;
const KEY = /^(?:_staging\/[0-9a-f-]{36}\/)?[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
export function checkKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a file storage key: ${JSON.stringify(key)}`);
}
