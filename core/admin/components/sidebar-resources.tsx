/**
 * The navigation, with each declared view (core/admin/views.ts) listed in its module's group right
 * after its entity. A view is a resource action `view_<name>`; the resource's actions AdminJS sends
 * are already those this user may see, so the links follow the user's rules without a list of their own.
 */
import React from 'react';

interface ActionLike { name: string; custom?: { label?: string } }
interface ResourceLike { id: string; name: string; href?: string | null; navigation?: unknown; resourceActions?: ActionLike[] }

const SidebarResources: React.FC<{ resources: ResourceLike[]; OriginalComponent?: React.ComponentType<{ resources: ResourceLike[] }> }> = ({ resources, OriginalComponent }) => {
  const withViews = resources.flatMap((r) => [
    r,
    ...(r.href ? (r.resourceActions ?? []).filter((a) => a.name.startsWith('view_')).map((a) => ({ ...r, id: `${r.id}-${a.name}`, name: a.custom?.label ?? a.name, href: `${String(r.href).split("?")[0]}/actions/${a.name}`, resourceActions: [] })) : []),
  ]);
  return OriginalComponent ? <OriginalComponent resources={withViews} /> : null;
};

export default SidebarResources;
