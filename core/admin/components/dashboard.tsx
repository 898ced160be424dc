/**
 * The dashboard: the manifest's cards the signed-in user may read, with counts
 * computed server-side through the data layer (see dashboardHandler).
 */
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, H5, Text } from '@adminjs/design-system';

interface Card {
  module: string;
  label: string;
  count: number;
  href: string;
}

const api = new ApiClient();

const Dashboard: React.FC = () => {
  const [cards, setCards] = useState<Card[] | null>(null);
  useEffect(() => {
    api.getDashboard().then((res) => setCards(((res.data as { cards?: Card[] }).cards ?? [])));
  }, []);
  if (!cards) return <Box variant="grey"><Text>Loading…</Text></Box>;
  const modules = [...new Set(cards.map((c) => c.module))];
  return (
    <Box variant="grey">
      {cards.length === 0 && <Text>Nothing to show yet.</Text>}
      {modules.map((module) => (
        <Box key={module} mb="xl">
          <H2>{module}</H2>
          <Box flex flexDirection="row" flexWrap="wrap">
            {cards.filter((c) => c.module === module).map((card) => (
              <Box key={card.label} as="a" href={card.href} variant="white" mr="lg" mb="lg" width={240} data-testid="dashboard-card">
                <H5>{card.label}</H5>
                <Text fontSize={32}>{card.count}</Text>
              </Box>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
};

export default Dashboard;
