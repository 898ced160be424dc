/**
 * The dashboard: the manifest's cards the signed-in user may read (counts, charts, tables)
 * computed server-side through the data layer (core/admin/dashboard-cards.ts).
 */
import React, { useEffect, useRef, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, H5, MessageBox, Text } from '@adminjs/design-system';
// chart.js draws the chart cards; only the controllers the manifest's kinds (bar, line, pie) need are registered.
import { ArcElement, BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PieController, PointElement, Tooltip } from 'chart.js';

interface Cell {
  text: string;
  href?: string;
}

type Card = { module: string; label: string; id: string; locale: string } & (
  | { type: 'count'; count: number; href: string }
  | ({ type: 'chart' } & ChartData)
  | { type: 'table'; columns: string[]; rows: { href: string; cells: Cell[]; progress?: { value: number; max: number; percent?: number | null } }[]; progressLabel?: string; href: string }
);

interface Empty {
  reason: 'no-role' | 'no-modules';
  message: string;
  admins: { name: string; email: string }[];
}

const api = new ApiClient();

Chart.register(ArcElement, BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PieController, PointElement, Tooltip);

interface ChartData {
  chart: 'bar' | 'line' | 'pie';
  labels: string[];
  values: number[];
  measure: { label: string; currency?: string; percent?: true };
}

const PALETTE = ['#3B5BDB', '#2F9E44', '#F08C00', '#C92A2A', '#7048E8', '#1098AD', '#5C940D', '#D6336C', '#495057', '#E8590C'];

export const DashboardChart: React.FC<{ data: ChartData; locale: string }> = ({ data, locale }) => {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const number = new Intl.NumberFormat(locale, data.measure.currency ? { style: 'currency', currency: data.measure.currency, maximumFractionDigits: 0 } : data.measure.percent ? { style: 'unit', unit: 'percent', maximumFractionDigits: 1 } : {});
    const pie = data.chart === 'pie';
    const chart = new Chart(canvas.current, {
      type: data.chart,
      data: {
        labels: data.labels,
        datasets: [
          {
            label: data.measure.label,
            data: data.values,
            backgroundColor: pie ? data.values.map((_, i) => PALETTE[i % PALETTE.length]) : PALETTE[0],
            borderColor: PALETTE[0],
            tension: 0.2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: pie, position: 'right' }, tooltip: { callbacks: { label: (c) => `${c.label}: ${number.format(Number(c.raw))}` } } },
        scales: pie ? {} : { y: { beginAtZero: true, ticks: { precision: 0, callback: (v) => number.format(Number(v)) } } },
      },
    });
    return () => chart.destroy();
  }, [data, locale]);
  return (
    <div style={{ position: 'relative', height: 220 }}>
      <canvas ref={canvas} role="img" aria-label={`${data.measure.label}: ${data.labels.map((l, i) => `${l} ${data.values[i]}`).join(', ')}`} />
    </div>
  );
};



/** No role, or no module: say so, and who can change it. */
const NothingHere: React.FC<{ empty: Empty }> = ({ empty }) => (
  <Box variant="white" p="xl" data-testid="dashboard-empty" data-reason={empty.reason}>
    <MessageBox message={empty.reason === 'no-role' ? 'You have no role yet' : 'No modules in this organization'} variant="info" mb="lg" />
    <Text mb="lg">{empty.message}</Text>
    {empty.admins.length > 0 && (
      <>
        <Text>Your organization&apos;s admin{empty.admins.length > 1 ? 's' : ''}:</Text>
        {empty.admins.map((a) => (
          <Text key={a.email}>
            {a.name} — <a href={`mailto:${a.email}`}>{a.email}</a>
          </Text>
        ))}
      </>
    )}
  </Box>
);

/** A progress bar: "12 / 30" with the share filled (over 100 % shows full, in red); a share of records also says its percentage. */
const Progress: React.FC<{ value: number; max: number; percent?: number | null; locale: string }> = ({ value, max, percent, locale }) => {
  const share = max > 0 ? value / max : 0;
  const n = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
  return (
    <span data-testid="card-progress" data-value={value} data-max={max} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
      <span style={{ display: 'inline-block', width: 80, height: 8, background: '#E9ECEF', borderRadius: 4, overflow: 'hidden' }}>
        <span style={{ display: 'block', height: 8, width: `${Math.min(share, 1) * 100}%`, background: share > 1 ? '#C92A2A' : '#2F9E44' }} />
      </span>
      {percent !== undefined ? `${percent === null ? '—' : `${n(percent)} %`} (${n(value)} / ${n(max)})` : `${n(value)} / ${n(max)}`}
    </span>
  );
};

const cellStyle: React.CSSProperties = { padding: '4px 8px', borderBottom: '1px solid #EEF0F3', textAlign: 'left', whiteSpace: 'nowrap' };

const CardView: React.FC<{ card: Card }> = ({ card }) => {
  if (card.type === 'count') {
    return (
      <Box as="a" href={card.href} variant="white" mr="lg" mb="lg" width={240} data-testid="dashboard-card" data-card={card.id}>
        <H5>{card.label}</H5>
        {/* In the viewer's digits (১২ for bn): the number comes as a number and is formatted here. */}
        <Text fontSize={32} data-testid="card-count" data-count={card.count}>{new Intl.NumberFormat(card.locale).format(card.count)}</Text>
      </Box>
    );
  }
  if (card.type === 'chart') {
    return (
      <Box variant="white" mr="lg" mb="lg" width={[1, 480]} data-testid="dashboard-chart" data-card={card.id} data-kind={card.chart} data-labels={JSON.stringify(card.labels)} data-values={JSON.stringify(card.values)}>
        <H5>{card.label}</H5>
        <DashboardChart data={card} locale={card.locale} />
      </Box>
    );
  }
  return (
    <Box variant="white" mr="lg" mb="lg" width={[1, 720]} data-testid="dashboard-table" data-card={card.id} style={{ overflowX: 'auto' }}>
      <H5>
        <a href={card.href}>{card.label}</a>
      </H5>
      {card.rows.length === 0 ? (
        <Text>Nothing to show.</Text>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
          <thead>
            <tr>
              {card.columns.map((c) => <th key={c} style={cellStyle}>{c}</th>)}
              {card.progressLabel && <th style={cellStyle}>{card.progressLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {card.rows.map((row) => (
              <tr key={row.href} data-testid="card-row">
                {row.cells.map((cell, i) => (
                  <td key={i} style={cellStyle}>
                    {i === 0 ? <a href={row.href}>{cell.text}</a> : cell.href ? <a href={cell.href}>{cell.text}</a> : cell.text}
                  </td>
                ))}
                {row.progress && <td style={cellStyle}><Progress {...row.progress} locale={card.locale} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Box>
  );
};

const Dashboard: React.FC = () => {
  const [cards, setCards] = useState<Card[] | null>(null);
  const [empty, setEmpty] = useState<Empty | null>(null);
  useEffect(() => {
    api.getDashboard().then((res) => {
      const data = res.data as { cards?: Card[]; empty?: Empty | null };
      setEmpty(data.empty ?? null);
      setCards(data.cards ?? []);
    });
  }, []);
  if (!cards) return <Box variant="grey"><Text>Loading…</Text></Box>;
  const modules = [...new Set(cards.map((c) => c.module))];
  return (
    <Box variant="grey">
      {empty && <NothingHere empty={empty} />}
      {!empty && cards.length === 0 && <Text>No dashboard cards for your role yet: the screens you may use are in the navigation.</Text>}
      {modules.map((module) => (
        <Box key={module} mb="xl">
          <H2>{module}</H2>
          {/* Counts first, in one row; charts and tables below them, where they have room. */}
          {[true, false].map((counts) => (
            <Box key={String(counts)} flex flexDirection="row" flexWrap="wrap">
              {cards.filter((c) => c.module === module && (c.type === 'count') === counts).map((card) => (
                <CardView key={card.id} card={card} />
              ))}
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
};

export default Dashboard;
