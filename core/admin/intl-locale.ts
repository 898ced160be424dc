/**
 * The one mapping from a UMS language to the `Intl` locale dates and numbers are formatted with
 * (bn-BD: Bengali digits and month names). Imported by the server (language.ts, report routes, the
 * inbox) and by the browser's components (value.tsx, record-panels.tsx, report-page.tsx, the bell),
 * so it imports nothing: the components bundle takes it as it is.
 */
export const intlLocaleOf = (language: string | null | undefined): string => (language === 'bn' ? 'bn-BD' : 'en-GB');
