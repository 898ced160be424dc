/**
 * Demo data: a few hundred books built from word lists (deterministic per
 * organization), members including the demo member login, and loans in every state.
 */
import { type SeedContext } from '../../core/sdk.js';

const ADJECTIVES = ['Silent', 'Hidden', 'Last', 'Broken', 'Golden', 'Northern', 'Forgotten', 'Distant', 'Quiet', 'Burning', 'Secret', 'Endless', 'Little', 'Wild', 'Crimson', 'Paper', 'Glass', 'Iron', 'Winter', 'Summer'];
const NOUNS = ['River', 'Garden', 'Empire', 'Lighthouse', 'Orchard', 'Machine', 'Kingdom', 'Harbor', 'Library', 'Mountain', 'Letters', 'Island', 'Frontier', 'Atlas', 'Voyage', 'Clockmaker', 'Archive', 'Forest', 'City', 'Compass'];
const TOPICS = ['A History of', 'Introduction to', 'The Science of', 'Understanding', 'Notes on', 'A Field Guide to', 'The Story of'];
const SUBJECTS = ['Tides', 'Bridges', 'Stars', 'Numbers', 'Bees', 'Maps', 'Printing', 'Volcanoes', 'Salt', 'Railways', 'Algorithms', 'Music', 'Coffee', 'Glaciers'];
const FIRST = ['Ana', 'Kwame', 'Mei', 'Lars', 'Priya', 'Tomás', 'Aisha', 'Jonas', 'Yuki', 'Olga', 'Diego', 'Fatima', 'Noah', 'Leila', 'Ivan', 'Grace'];
const LAST = ['Okafor', 'Lindqvist', 'Chen', 'Haddad', 'Novak', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Mensah', 'Rossi', 'Nakamura', 'Fischer', 'Adeyemi'];
const CATEGORIES = ['fiction', 'non_fiction', 'science', 'history', 'children', 'reference', 'biography', 'technology'];

/** Small deterministic generator, so every demo reset shows the same catalogue. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)];

export function isbn13(n: number): string {
  const body = `978${String(n).padStart(9, '0').slice(-9)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function demoBook(i: number, r: () => number): Record<string, unknown> {
  const category = pick(r, CATEGORIES);
  const title = ['fiction', 'children'].includes(category) ? `The ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}` : `${pick(r, TOPICS)} ${pick(r, SUBJECTS)}`;
  const authors = r() < 0.2 ? `${pick(r, FIRST)} ${pick(r, LAST)}, ${pick(r, FIRST)} ${pick(r, LAST)}` : `${pick(r, FIRST)} ${pick(r, LAST)}`;
  return {
    title: `${title}${i >= 200 ? ` (vol. ${1 + (i % 7)})` : ''}`,
    isbn: isbn13(100000 + i),
    authors,
    category,
    published_year: 1950 + Math.floor(r() * 75),
    shelf: `${String.fromCharCode(65 + Math.floor(r() * 12))}-${1 + Math.floor(r() * 40)}`,
    copies_total: 1 + Math.floor(r() * 4),
    acquisition_price: Math.round((8 + r() * 60) * 100) / 100,
  };
}

export async function seedLibrary(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const r = rng(ctx.organization.slug.length * 7919);
  const bookCount = ctx.size === 'demo' ? 300 : 20;
  await records.create('library.fine_setting', { loan_days: 14, daily_fine: 0.5, max_fine: 20 });
  const books = [];
  for (let i = 0; i < bookCount; i++) books.push(await records.create('library.book', demoBook(i, r)));
  const members = [];
  const memberUser = ctx.usersByRole.get('library.member');
  for (let i = 0; i < 12; i++) {
    const name = `${pick(r, FIRST)} ${pick(r, LAST)}`;
    members.push(
      await records.create('library.member', {
        name: i === 0 && memberUser ? 'Demo Member' : name,
        card_number: `LIB-${String(1001 + i)}`,
        email: i === 0 && memberUser ? memberUser.email : `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${i}@example.org`,
        user: i === 0 && memberUser ? memberUser.id : null,
        status: i === 11 ? 'suspended' : 'active',
        joined_on: `202${Math.floor(r() * 5)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      }),
    );
  }
  // Loans in every state: requested, issued (two overdue), returned.
  for (let i = 0; i < 10; i++) {
    // Every third book, wrapping round for the small seed's 20 books.
    const loan = await records.create('library.loan', { book: books[(i * 3) % books.length].id, member: members[i % 6].id });
    if (i < 3) continue;
    await records.runAction('library.loan', 'issue', loan.id);
    if (i < 5) {
      // Backdate two loans so the demo shows overdue ones and fines on return.
      await records.update('library.loan', loan.id, { due_at: new Date(Date.now() - (i + 2) * 86_400_000).toISOString() });
    }
    if (i >= 8) await records.runAction('library.loan', 'return', loan.id);
  }
}
