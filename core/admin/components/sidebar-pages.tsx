/**
 * The navigation's pages, with each declared report (core/admin/reports/page.ts) listed only for a
 * viewer who may see it: AdminJS's pages are the same for everyone, so without this a library's
 * librarian was offered the institute's fee report (which then said it was not theirs). The reports
 * the viewer may see come from `GET /admin/x/reports` (their enabled modules and the report's roles);
 * until that answers, no report is listed, so none flashes up for someone it is not for.
 */
import React, { useEffect, useState } from 'react';

interface PageLike { name: string; icon?: string }

const REPORT_PAGE = /^report_/;

const SidebarPages: React.FC<{ pages?: PageLike[]; OriginalComponent?: React.ComponentType<{ pages?: PageLike[] }> }> = ({ pages, OriginalComponent }) => {
  const [allowed, setAllowed] = useState<Set<string> | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/admin/x/reports', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((res) => (res.ok ? res.json() : { reports: [] }))
      .then((body: { reports?: { href: string }[] }) => {
        if (live) setAllowed(new Set((body.reports ?? []).map((r) => r.href.split('/').pop() ?? '')));
      })
      .catch(() => live && setAllowed(new Set()));
    return () => {
      live = false;
    };
  }, []);
  const shown = (pages ?? []).filter((p) => !REPORT_PAGE.test(p.name) || (allowed?.has(p.name) ?? false));
  return OriginalComponent ? <OriginalComponent pages={shown} /> : null;
};

export default SidebarPages;
