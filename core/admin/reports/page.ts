/**
 * One admin page per declared report (`/admin/pages/report_<module>_<name>`): the page's handler
 * says which report it is; the screen (components/report-page.tsx) reads the report for the viewer
 * from the report routes (JSON), draws its filters, table and chart, and links the downloads.
 */
import type { PageHandler } from 'adminjs';
import type { ResolvedReport, Registry } from '../../manifest/index.js';
import type { Runtime } from '../../runtime.js';
import { componentLoader, componentSource } from '../components.js';
import { recordServiceFor, accessOf } from '../session-user.js';
import { reportsFor } from './compute.js';

export const REPORT_PAGE_COMPONENT = componentLoader.add('UmsReportPage', componentSource('admin/components/report-page.tsx'));

export const reportPageName = (report: Pick<ResolvedReport, 'module' | 'name'>): string => `report_${report.module}_${report.name}`;

export function reportPages(runtime: Runtime): Record<string, { component: string; icon: string; handler: PageHandler }> {
  const pages: Record<string, { component: string; icon: string; handler: PageHandler }> = {};
  for (const report of runtime.registry.modules.flatMap((m) => m.reports)) {
    pages[reportPageName(report)] = {
      component: REPORT_PAGE_COMPONENT,
      icon: 'BarChart2',
      handler: async (_request, _response, context) => {
        const records = await recordServiceFor(runtime, context.currentAdmin);
        const roles = new Set(accessOf(runtime, context.currentAdmin)?.principal.roles ?? []);
        const allowed = reportsFor(records, runtime.registry, roles).some((r) => r.id === report.id);
        return { id: report.id, label: report.label, allowed };
      },
    };
  }
  return pages;
}

/** Page titles in the navigation: the report's label. */
export function reportPageLabels(registry: Registry): Record<string, string> {
  return Object.fromEntries(registry.modules.flatMap((m) => m.reports).map((r) => [reportPageName(r), r.label]));
}
