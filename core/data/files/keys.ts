/** Keys are `<organization id>/<file id>`: both uuids, so a key never walks out of its folder. */
export const storageKey = (organizationId: string, fileId: string): string => `${organizationId}/${fileId}`;
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
export function checkKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a file storage key: ${JSON.stringify(key)}`);
}
