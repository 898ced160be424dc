/**
 * The generated admin: one AdminJS resource per manifest entity, grouped per
 * module in the navigation, with what each user sees decided by their compiled
 * access (module enabled, entity and field rules).
 */
import AdminJS, { type BrandingOptions, type CurrentAdmin, type ResourceWithOptions } from 'adminjs';
import * as AdminJSTypeorm from '@adminjs/typeorm';
import { classNameOf } from '../data/entity-schemas.js';
import type { Runtime } from '../runtime.js';
import type { ResolvedEntity } from '../manifest/index.js';
import { actionOptions } from './actions.js';
import './account-screens.js';
import './headings.js';
import './notification-bell.js';
import { componentLoader } from './components.js';
import { fileProperties } from './file-fields.js';
import { MESSAGES_EN } from './messages.js';
import { bengaliTranslations, LANGUAGE_NAMES, LANGUAGES } from './locale-bn.js';
import { THEME_OVERRIDES } from './page-style.js';
import { formatsForUser, valueProperties } from './formatting.js';
import { pickerProperties } from './pickers.js';
import { roleScreenProperties } from './roles/screens.js';
import { dashboardOptions } from './dashboard.js';
import { reportPageLabels, reportPages } from './reports/page.js';
import { inboxPage, workflowActionLabels } from './workflow-actions.js';
import { ManifestResource, SEARCH_PARAM } from './resource.js';
import { viewActionLabels } from './views.js';
import { accessOf, type AdminUser } from './session-user.js';
import { helpKey, helpTexts } from './help-texts.js';
import { ADMIN_ROOT } from '../paths.js';

AdminJS.registerAdapter({ Resource: AdminJSTypeorm.Resource, Database: AdminJSTypeorm.Database });


interface ResourceJsonLike {
  listProperties: { name: string; custom?: Record<string, unknown> }[];
  showProperties: { name: string; custom?: Record<string, unknown> }[];
  editProperties: { name: string }[];
  filterProperties: { name: string }[];
}

/** Per-user screens: columns, details and form fields the user's field rules allow. */
function decorateForUser(runtime: Runtime, resource: ManifestResource): void {
  const decorated = resource.decorate();
  const original = decorated.toJSON.bind(decorated);
  const entity = resource.entity;
  decorated.toJSON = (currentAdmin?: CurrentAdmin) => {
    const json = original(currentAdmin);
    const access = accessOf(runtime, currentAdmin);
    const allowed = (action: string) => (p: { name: string }) => !entity.field.has(p.name) || (access?.canOnType(action, entity, p.name) ?? false);
    // Fields some record may show: each record's own rules decide (in RecordService) which of them it carries.
    const readable = (p: { name: string }) => !entity.field.has(p.name) || (access?.fieldsOf(entity).some.has(p.name) ?? false);
    const writable = (p: { name: string }) => allowed('create')(p) || allowed('update')(p);
    const j = json as unknown as ResourceJsonLike;
    j.listProperties = j.listProperties.filter(readable);
    j.showProperties = j.showProperties.filter(readable);
    j.filterProperties = j.filterProperties.filter(readable);
    j.editProperties = j.editProperties.filter(writable);
    if (access) formatsForUser([...j.listProperties, ...j.showProperties, ...(j.editProperties as { custom?: Record<string, unknown> }[])], access.timeZone, access.principal.currency);
    return json;
  };
}

/** The search box's placeholder (components/list-search.tsx), under the filter key it sets; none: the list has nothing to search. */
function searchLabel(e: ResolvedEntity): Record<string, string> {
  return e.searchFields.length ? { [SEARCH_PARAM]: `Search ${e.searchFields.map((n) => e.field.get(n)!.label).join(', ')}` } : {};
}

function resourceOf(runtime: Runtime, entity: ResolvedEntity): ResourceWithOptions & { resource: ManifestResource } {
  const model = runtime.database.catalog.classes.get(entity.key)!;
  const resource = new ManifestResource(model, entity, runtime, (key) => classNameOf(runtime.registry.entity(key)!));
  const module = runtime.registry.module(entity.module)!;
  const visibleFields = entity.fields.filter((f) => f.type !== 'password' && f.type !== 'json').map((f) => f.name);
  const formatted = valueProperties(runtime.registry, entity);
  const pickers = pickerProperties(entity);
  const files = fileProperties(entity);
  const roleScreens = roleScreenProperties(entity);
  return {
    resource,
    options: {
      id: classNameOf(entity),
      navigation: { name: module.label, icon: module.icon ?? 'Folder' },
      titleProperty: entity.titleField,
      listProperties: entity.listColumns,
      showProperties: [...entity.fields.filter((f) => f.type !== 'password').map((f) => f.name), 'created_at', 'updated_at'],
      // `version` is not a form field: AdminJS's form sends every param of the record it loaded, so the version
      // read travels with the save (optimistic locking in resource.update) without being shown.
      editProperties: entity.fields.filter((f) => !f.readOnly).map((f) => f.name),
      filterProperties: visibleFields,
      sort: { sortBy: entity.sort.field, direction: entity.sort.direction },
      properties: {
        id: { isVisible: { list: false, show: true, edit: false, filter: false } },
        version: { isVisible: { list: false, show: false, edit: false, filter: false } },
        ...Object.fromEntries(entity.fields.map((f) => [f.name, { description: f.help ? helpKey(f.name) : undefined, isRequired: f.required && f.type !== 'password', ...formatted[f.name], ...pickers[f.name], ...files[f.name], ...roleScreens[f.name] }])),
        ...(({ created_at, updated_at }) => ({ created_at, updated_at }))(formatted),
      },
      actions: actionOptions(runtime, entity),
    },
  };
}

export function buildAdmin(runtime: Runtime): AdminJS {
  const resources = runtime.registry.entities.map((entity) => resourceOf(runtime, entity));
  const admin = new AdminJS({
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources,
    componentLoader,
    dashboard: dashboardOptions(runtime, ADMIN_ROOT),
    pages: { approvals: inboxPage(runtime, ADMIN_ROOT), ...reportPages(runtime) },
    branding: (currentAdmin?: CurrentAdmin) => ({
      companyName: (currentAdmin as AdminUser | undefined)?.organizationName ?? 'UMS',
      withMadeWithLove: false,
      logo: false,
      // AdminJS types `font` as a record; the design system reads it as one CSS font-family string.
      theme: THEME_OVERRIDES as unknown as BrandingOptions['theme'],
    }),
    locale: {
      language: 'en',
      // English and Bengali; which one a page opens in is the server's choice (language.ts injects it), `?lng=bn` wins for one page.
      availableLanguages: [...LANGUAGES],
      localeDetection: true,
      translations: {
        bn: bengaliTranslations(runtime.registry, (e) => runtime.plugins.actionsFor(e)),
        en: {
          components: { LanguageSelector: { availableLanguages: LANGUAGE_NAMES } },
          pages: { approvals: 'Approvals inbox', ...reportPageLabels(runtime.registry) },
          messages: MESSAGES_EN,
          labels: Object.fromEntries(runtime.registry.entities.map((e) => [classNameOf(e), e.pluralLabel])),
          resources: Object.fromEntries(
            runtime.registry.entities.map((e) => [
              classNameOf(e),
              {
                actions: { ...Object.fromEntries(runtime.plugins.actionsFor(e).map((a) => [a.name, a.label])), ...workflowActionLabels(runtime, e), ...viewActionLabels(runtime, e) },
                properties: { ...Object.fromEntries(e.fields.map((f) => [f.name, f.label])), ...searchLabel(e) },
                messages: helpTexts(e, 'en'),
              },
            ]),
          ),
        },
      },
    },
  });
  for (const r of resources) decorateForUser(runtime, r.resource);
  return admin;
}
