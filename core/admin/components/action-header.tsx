/**
 * AdminJS's action header (breadcrumbs, heading, buttons), rendered unchanged except for what the
 * heading says: the entity's plural label on a list ("Courses", not "List"), the record's title on
 * its show and edit pages ("Databases", not "Show"). The browser tab says the same and the
 * organization: "Databases · Courses · Demo Institute". A list gets its search box and the user's saved filters below the header (list-search.tsx, saved-filters.tsx).
 */
import React, { useEffect } from 'react';
import { useSelector } from 'react-redux';
import { useTranslation, type ActionJSON, type RecordJSON, type ResourceJSON } from 'adminjs';
import ListSearch from './list-search.js';
import SavedFilters from './saved-filters.js';

type Props = { resource: ResourceJSON; action: ActionJSON; record?: RecordJSON; OriginalComponent?: React.ComponentType<Record<string, unknown>> } & Record<string, unknown>;

const RECORD_PAGES = new Set(['show', 'edit']);

const ActionHeader: React.FC<Props> = ({ OriginalComponent, ...props }) => {
  const { resource, action, record } = props;
  const { translateAction, translateLabel } = useTranslation();
  // As the breadcrumbs and the navigation name it: the manifest's plural label.
  const plural = translateLabel(resource.name, resource.id);
  const organization = useSelector((s: { branding: { companyName?: string } }) => s.branding.companyName ?? 'UMS');
  const heading = action.name === 'list' ? plural : RECORD_PAGES.has(action.name) && record?.title ? record.title : translateAction(action.label, resource.id);
  useEffect(() => {
    const parts = action.name === 'list' ? [plural] : [heading, plural];
    document.title = [...new Set(parts), organization].join(' · ');
  }, [heading, plural, organization]);
  if (!OriginalComponent) return null;
  // The original heading is translateAction(action.label): a label no translation matches comes back as it is.
  const header = <OriginalComponent {...props} action={{ ...action, label: heading }} />;
  if (action.name !== 'list') return header;
  return (
    <>
      {header}
      <ListSearch resourceId={resource.id} />
      <SavedFilters resourceId={resource.id} />
    </>
  );
};

export default ActionHeader;
