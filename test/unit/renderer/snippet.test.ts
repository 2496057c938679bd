import { describe, expect, it } from 'vitest';
import { snippetParts } from '../../../renderer/features/search/snippet';

describe('snippetParts', () => {
  it('turns [hits] into marked parts and keeps the rest as text', () => {
    expect(snippetParts('…het [bezwaar] tegen de [aanslag] van…')).toEqual([
      { text: '…het ', hit: false },
      { text: 'bezwaar', hit: true },
      { text: ' tegen de ', hit: false },
      { text: 'aanslag', hit: true },
      { text: ' van…', hit: false },
    ]);
  });

  it('handles hits at the edges and adjacent hits', () => {
    expect(snippetParts('[a][b] c')).toEqual([
      { text: 'ab', hit: true },
      { text: ' c', hit: false },
    ]);
    expect(snippetParts('x [y]')).toEqual([
      { text: 'x ', hit: false },
      { text: 'y', hit: true },
    ]);
  });

  it('keeps unmatched or empty brackets as literal text', () => {
    expect(snippetParts('a [b')).toEqual([{ text: 'a [b', hit: false }]);
    expect(snippetParts('a ] b')).toEqual([{ text: 'a ] b', hit: false }]);
    expect(snippetParts('a [] b')).toEqual([{ text: 'a [] b', hit: false }]);
  });

  it('never interprets markup: it stays text for React to escape', () => {
    const parts = snippetParts('<img src=x onerror=alert(1)> [<b>]');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', hit: false },
      { text: '<b>', hit: true },
    ]);
  });

  it('gives nothing for an empty snippet', () => {
    expect(snippetParts('')).toEqual([]);
  });
});
