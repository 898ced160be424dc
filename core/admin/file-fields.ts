/**
 * File fields in the admin: the name as a download link in lists, a preview of
 * images and PDFs on the record page, and in the edit form an input that
 * uploads the file at once to `<root>/x/files/<entity>/<field>` and puts the
 * returned id in the field (core/admin/file-routes.ts, core/files).
 */
import type { PropertyOptions } from 'adminjs';
import type { ResolvedEntity } from '../manifest/index.js';
import { ADMIN_ROOT, FILES_PATH } from '../paths.js';
import { componentLoader, componentSource } from './components.js';

export const FILE_FIELD_COMPONENT = componentLoader.add('UmsFileField', componentSource('admin/components/file-field.tsx'));

export function fileProperties(entity: ResolvedEntity): Record<string, PropertyOptions> {
  const out: Record<string, PropertyOptions> = {};
  for (const f of entity.fields) {
    if (!f.file) continue;
    out[f.name] = {
      components: { list: FILE_FIELD_COMPONENT, show: FILE_FIELD_COMPONENT, edit: FILE_FIELD_COMPONENT },
      custom: { umsFile: { base: `${ADMIN_ROOT}${FILES_PATH}`, entity: entity.key, field: f.name, multiple: f.type === 'files', accept: f.file.accept, maxBytes: f.file.maxBytes } },
    };
  }
  return out;
}
