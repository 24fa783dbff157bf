import type { Market } from './markets.js';

/** A handful of plausible names per market: enough variety for logs and receipts. */
export const CONSUMER_NAMES: Readonly<Record<Market, { first: readonly string[]; last: readonly string[] }>> = {
  SE: {
    first: ['Astrid', 'Erik', 'Ingrid', 'Lars', 'Maja', 'Nils', 'Saga', 'Oskar'],
    last: ['Andersson', 'Johansson', 'Karlsson', 'Lindqvist', 'Nilsson', 'Svensson'],
  },
  DE: {
    first: ['Anna', 'Felix', 'Hanna', 'Jonas', 'Lena', 'Lukas', 'Marie', 'Paul'],
    last: ['Becker', 'Fischer', 'Hoffmann', 'Müller', 'Schmidt', 'Weber'],
  },
  US: {
    first: ['Ava', 'Ethan', 'Grace', 'Liam', 'Mia', 'Noah', 'Olivia', 'Wyatt'],
    last: ['Brown', 'Davis', 'Garcia', 'Johnson', 'Miller', 'Smith'],
  },
};
