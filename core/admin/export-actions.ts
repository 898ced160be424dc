/**
 * The admin's file actions on every generated resource: "Export" (CSV/XLSX
 * links carrying the list's current filters and sort), "Import" (upload a CSV,
 * see the report), and each plugin document action as a PDF download instead
 * of confirm-and-run. The files themselves come from the HTTP routes of
 * core/exchange and core/documents, which check everything again as the user.
 */
import type { Action, ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import type { Runtime } from '../runtime.js';
import { isDocumentAction } from '../documents/index.js';
import { ADMIN_ROOT, DOCUMENTS_PATH, EXPORT_PATH, IMPORT_PATH } from '../paths.js';
import { UmsError } from '../errors.js';
import type { ResolvedEntity } from '../manifest/index.js';
import { accessOf } from './session-user.js';
import { componentLoader, componentSource } from './components.js';

const EXPORT_COMPONENT = componentLoader.add('UmsExport', componentSource('admin/components/exchange-export.tsx'));
const IMPORT_COMPONENT = componentLoader.add('UmsImport', componentSource('admin/components/exchange-import.tsx'));
const DOCUMENT_COMPONENT = componentLoader.add('UmsDocumentDownload', componentSource('admin/components/document-download.tsx'));

type Check = (context: ActionContext) => boolean;

const typeCheck = (runtime: Runtime, entity: ResolvedEntity, action: string): Check => ({ currentAdmin }) => accessOf(runtime, currentAdmin)?.canOnType(action, entity) ?? false;

/** A resource action whose screen is all client-side: the handler only has to answer AdminJS's call. */
const screenOnly = async (): Promise<ActionResponse> => ({});

export function exchangeActions(runtime: Runtime, entity: ResolvedEntity): Record<string, Partial<Action<ActionResponse>>> {
  const actions: Record<string, Partial<Action<ActionResponse>>> = {
    export: {
      actionType: 'resource',
      icon: 'Download',
      component: EXPORT_COMPONENT,
      // In the drawer the action keeps the list's query string, which is where its filters are.
      showInDrawer: true,
      isVisible: typeCheck(runtime, entity, 'read'),
      isAccessible: typeCheck(runtime, entity, 'read'),
      handler: screenOnly,
      custom: { title: entity.pluralLabel, csv: `${ADMIN_ROOT}${EXPORT_PATH}/${entity.key}.csv`, xlsx: `${ADMIN_ROOT}${EXPORT_PATH}/${entity.key}.xlsx` },
    },
    import: {
      actionType: 'resource',
      icon: 'Upload',
      component: IMPORT_COMPONENT,
      isVisible: typeCheck(runtime, entity, 'create'),
      isAccessible: typeCheck(runtime, entity, 'create'),
      handler: screenOnly,
      custom: {
        title: entity.pluralLabel,
        url: `${ADMIN_ROOT}${IMPORT_PATH}/${entity.key}`,
        fields: entity.fields.filter((f) => f.type !== 'password' && !f.readOnly).map((f) => ({ name: f.name, label: f.label, required: f.required })),
      },
    },
  };
  for (const def of runtime.plugins.actionsFor(entity)) {
    if (!isDocumentAction(def)) continue;
    const allowed: Check = ({ currentAdmin, record }) => {
      const access = accessOf(runtime, currentAdmin);
      if (!access?.canOnType(def.name, entity)) return false;
      // Rules that follow a reference need joined values: the download route decides those.
      if (!record || access.relationPaths.has(entity.key)) return true;
      return access.canOnRecord(def.name, entity, record.params as Record<string, unknown>);
    };
    const available: Check = (context) => allowed(context) && (!context.record || !def.isAvailable || def.isAvailable(context.record.params as never));
    actions[def.name] = {
      actionType: 'record',
      icon: def.icon,
      component: DOCUMENT_COMPONENT,
      isVisible: available,
      isAccessible: allowed,
      handler: async (_request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
        if (!context.record) throw new UmsError('NOT_FOUND', 'No record.');
        return { record: context.record.toJSON(context.currentAdmin) };
      },
      custom: { base: `${ADMIN_ROOT}${DOCUMENTS_PATH}/${entity.key}`, action: def.name, label: def.label },
    };
  }
  return actions;
}
